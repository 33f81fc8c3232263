# One module folder, one assembly, for Windows PowerShell 5.1 (Desktop, .NET Framework) and PowerShell 7 (Core):
# the manifest imports a netstandard2.0 CognitoAdminAuth.dll in both, and what ships beside it uses nothing that
# .NET Framework 4.7.2 lacks. Windows PowerShell itself cannot run here (docs/native-interop.md, "Two editions").
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    $script:moduleFolder = (Get-Module CognitoAdminAuth).ModuleBase
    $script:assembly = (Get-Command Start-CGIPAuthAdmin).ImplementingType.Assembly

    function script:Get-MetadataReader([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        [pscustomobject]@{ Stream = $stream; Reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($stream)) }
    }

    function script:Get-TargetFramework([string] $Path) {
        $m = Get-MetadataReader $Path
        try {
            $reader = $m.Reader
            foreach ($handle in $reader.GetAssemblyDefinition().GetCustomAttributes()) {
                $attribute = $reader.GetCustomAttribute($handle)
                $ctor = $reader.GetMemberReference([Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor)
                $type = $reader.GetTypeReference([Reflection.Metadata.TypeReferenceHandle]$ctor.Parent)
                if ($reader.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                    $blob = $reader.GetBlobReader($attribute.Value)
                    $null = $blob.ReadUInt16()   # the custom attribute prolog
                    return $blob.ReadSerializedString()
                }
            }
        } finally { $m.Stream.Dispose() }
    }

    function script:Get-AssemblyReferences([string] $Path) {
        $m = Get-MetadataReader $Path
        try { @($m.Reader.AssemblyReferences | ForEach-Object { $m.Reader.GetString($m.Reader.GetAssemblyReference($_).Name) }) }
        finally { $m.Stream.Dispose() }
    }

    $script:shipped = [CognitoAdminAuth.Native.ModuleAssemblyResolver].GetField('Shipped', [Reflection.BindingFlags]'NonPublic, Static').GetValue($null)
}

Describe 'One assembly for both editions' {
    It 'the manifest imports CognitoAdminAuth.dll itself, for Desktop and Core, with no loader script' {
        $m = Test-ModuleManifest (Join-Path $script:moduleFolder 'CognitoAdminAuth.psd1')
        $m.RootModule | Should -Be 'CognitoAdminAuth.dll'
        @($m.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        @(Get-ChildItem $script:moduleFolder -Recurse -Include *.psm1, *.ps1) | Should -BeNullOrEmpty
        @(Get-ChildItem $script:moduleFolder -Recurse -Filter CognitoAdminAuth.dll).Count | Should -Be 1
    }

    It 'is the netstandard2.0 assembly in the module folder, which both runtimes load' {
        $script:assembly.Location | Should -Be (Join-Path $script:moduleFolder 'CognitoAdminAuth.dll')
        Get-TargetFramework $script:assembly.Location | Should -Be '.NETStandard,Version=v2.0'
    }

    It 'exports the cmdlets of the manifest and nothing else' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:moduleFolder 'CognitoAdminAuth.psd1')
        @((Get-Module CognitoAdminAuth).ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        (Get-Module CognitoAdminAuth).ExportedFunctions.Count | Should -Be 0
    }

    It 'ships beside it exactly the assemblies its resolver answers for, each listed in the manifest' {
        $beside = @(Get-ChildItem $script:moduleFolder -Filter *.dll | Where-Object BaseName -ne 'CognitoAdminAuth').BaseName
        @($beside | Sort-Object) | Should -Be @($script:shipped | Sort-Object)
        $beside | Should -Contain 'System.Text.Json'
        $fileList = (Import-PowerShellDataFile (Join-Path $script:moduleFolder 'CognitoAdminAuth.psd1')).FileList
        foreach ($name in $beside) { $fileList | Should -Contain "$name.dll" }
    }

    It 'PowerShell 7 binds its runtime''s System.Text.Json, not the copy shipped for .NET Framework' -Skip:($PSEdition -ne 'Core') {
        $json = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' }
        @($json).Count | Should -Be 1
        $json.Location | Should -Not -BeLike "$($script:moduleFolder)*"
        # Control: the module really uses it (a building block reads its answer with Utf8JsonReader).
        Get-CGIPSecretHash -ClientId a -ClientSecret b -UserName c | Should -Not -BeNullOrEmpty
    }
}

Describe 'What ships for Windows PowerShell 5.1' {
    It 'needs only .NET Framework 4.7.2, the host''s PowerShell and the assemblies beside it' -Tag NotUnderWine {
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $framework = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
        $framework | Should -Exist
        # The stand-ins (StandIns/) may name the Core stand-in beside them, or the user's own AWSSDK.Core.
        $available = @(Get-ChildItem $framework, (Join-Path $framework 'Facades') -Filter *.dll).BaseName +
            @($script:shipped) + 'System.Management.Automation' + 'CognitoAdminAuth.StandIn.Core' + 'AWSSDK.Core'
        $missing = foreach ($dll in Get-ChildItem $script:moduleFolder, (Join-Path $script:moduleFolder 'StandIns') -Filter *.dll) {
            foreach ($reference in Get-AssemblyReferences $dll.FullName) {
                if ($reference -notin $available) { "$($dll.Name) -> $reference" }
            }
        }
        $missing | Should -BeNullOrEmpty
        # Control: a .NET-only assembly does reference what .NET Framework does not have.
        Get-AssemblyReferences ([System.Text.Json.JsonSerializer].Assembly.Location) | Should -Contain 'System.Runtime'
    }

    It 'the format file renders without ANSI sequences or $PSStyle, which 5.1 does not have' {
        $text = Get-Content -Raw (Join-Path $script:moduleFolder 'CognitoAdminAuth.Format.ps1xml')
        $text | Should -Not -Match '\x1b|`e|\[char\]\s*27|PSStyle'
        ([xml]$text).Configuration.ViewDefinitions.View | Should -Not -BeNullOrEmpty
    }

    It 'the .NET Framework way of loading the native library (LoadLibraryExW by full path) loads it, and names a missing file' -Skip:(-not $IsWindows) {
        # Under Wine this runs in PowerShell 7, which takes the NativeLibrary path itself: the .NET Framework one is
        # called directly, on the same Windows loader Windows PowerShell 5.1 would use.
        $load = $script:assembly.GetType('CognitoAdminAuth.Native.NativeLibraryResolver').GetMethod('LoadOnWindows', [Reflection.BindingFlags]'NonPublic, Static')
        $library = Join-Path $script:moduleFolder 'runtimes/win-x64/native/cgip_native.dll'
        $load.Invoke($null, @([string]$library)) | Should -Not -Be ([IntPtr]::Zero)
        $missing = Join-Path $script:moduleFolder 'runtimes/win-x64/native/absent.dll'
        { $load.Invoke($null, @([string]$missing)) } | Should -Throw -ExpectedMessage "*could not load '$missing'*"
    }
}
