# The raw C ABI is out of a script's reach: a public IntPtr-taking member (e.g. the generated
# Interop.cgip_cancel_free) would let any script free a wild pointer and take the shell down.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    $script:moduleFolder = (Get-Module CognitoAdminAuth).Path | Split-Path -Parent
    $path = Join-Path $script:moduleFolder 'CognitoAdminAuth.dll'
    $script:assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -eq $path })

    function script:Test-RawType([type] $Type) {
        <# True when a type is a pointer, IntPtr/UIntPtr, or one of the generated interop types (also by ref or in arrays). #>
        while ($Type.HasElementType -and -not $Type.IsPointer) { $Type = $Type.GetElementType() }
        $Type.IsPointer -or $Type -eq [IntPtr] -or $Type -eq [UIntPtr] -or $Type.Namespace -eq 'CognitoAdminAuth.Native.Generated' -or
        ($Type.IsGenericType -and @($Type.GetGenericArguments() | Where-Object { Test-RawType $_ }).Count -gt 0)
    }
}

Describe 'The native boundary is not public surface' {
    It 'the module folder holds the module assembly, loaded by Import-Module' {
        $script:assemblies.GetName().Name | Should -Contain 'CognitoAdminAuth'
    }

    It 'no public type of the module assemblies comes from the generated bindings' {
        $generated = @($script:assemblies.GetExportedTypes() | Where-Object Namespace -eq 'CognitoAdminAuth.Native.Generated')
        $generated.FullName | Should -BeNullOrEmpty
        # Control: the bindings are in the assembly, just not reachable.
        $script:assemblies.GetTypes().FullName | Should -Contain 'CognitoAdminAuth.Native.Generated.Interop'
    }

    It 'no public member takes or returns an IntPtr, a pointer or a generated interop type' {
        $flags = [Reflection.BindingFlags]'Public, Instance, Static, DeclaredOnly'
        $offenders = foreach ($type in $script:assemblies.GetExportedTypes()) {
            foreach ($m in $type.GetMethods($flags) + $type.GetConstructors($flags)) {
                $types = @($m.GetParameters().ParameterType) + @(if ($m -is [Reflection.MethodInfo]) { $m.ReturnType })
                if (@($types | Where-Object { $_ -and (Test-RawType $_) }).Count) { "$($type.FullName).$($m.Name)" }
            }
            foreach ($p in $type.GetProperties($flags)) { if (Test-RawType $p.PropertyType) { "$($type.FullName).$($p.Name)" } }
            foreach ($f in $type.GetFields($flags)) { if (Test-RawType $f.FieldType) { "$($type.FullName).$($f.Name)" } }
            if ($type.IsSubclassOf([Delegate])) {
                $invoke = $type.GetMethod('Invoke')
                if (@(@($invoke.GetParameters().ParameterType) + $invoke.ReturnType | Where-Object { Test-RawType $_ }).Count) { $type.FullName }
            }
        }
        $offenders | Should -BeNullOrEmpty
        # Control: the check does find such a member when there is one.
        Test-RawType ([IntPtr]) | Should -BeTrue
        Test-RawType ([System.Runtime.InteropServices.Marshal].GetMethod('AllocHGlobal', [type[]]@([int])).ReturnType) | Should -BeTrue
    }

    It 'a script cannot call the generated bindings' {
        { [CognitoAdminAuth.Native.Generated.Interop]::cgip_cancel_free([IntPtr]1) } | Should -Throw -ExpectedMessage '*Unable to find type*'
    }
}

Describe 'Native objects the module owns are SafeHandles' {
    It 'the cancel token crosses the imports as a SafeHandle, freed by the handle alone' {
        $interop = $script:assemblies[0].GetType('CognitoAdminAuth.Native.Generated.Interop')
        $flags = [Reflection.BindingFlags]'Public, NonPublic, Static'
        $new = $interop.GetMethod('cgip_cancel_new', $flags)
        $new.ReturnType.IsSubclassOf([Runtime.InteropServices.SafeHandle]) | Should -BeTrue
        $interop.GetMethod('cgip_cancel_fire', $flags).GetParameters()[0].ParameterType | Should -Be $new.ReturnType
        @($interop.GetMethod('cgip_invoke', $flags).GetParameters().ParameterType) | Should -Contain $new.ReturnType
        # Only the handle's ReleaseHandle frees it: nothing else in the module holds the raw pointer.
        $interop.GetMethod('cgip_cancel_free', $flags).GetParameters()[0].ParameterType | Should -Be ([IntPtr])
        $new.ReturnType.IsPublic | Should -BeFalse
    }
}
