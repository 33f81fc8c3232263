# One module folder for Windows PowerShell 5.1 (Desktop, .NET Framework) and PowerShell 7 (Core): the loader
# picks the assembly, and what ships for Desktop uses nothing that edition lacks. The run of every suite with
# CGIP_MODULE_FLAVOUR=Desktop (tests/Run-AllTests.ps1) proves the Desktop assembly behaves as the Core one;
# these tests prove that run really used it, and check what PowerShell 7 cannot run for 5.1.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    $script:moduleFolder = (Get-Module CognitoAdminAuth).ModuleBase
    $script:desktopFolder = Join-Path $script:moduleFolder 'desktop'

    function script:Get-TargetFramework([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($stream))
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
        } finally { $stream.Dispose() }
    }

    function script:Get-AssemblyReferences([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($stream))
            @($reader.AssemblyReferences | ForEach-Object { $reader.GetString($reader.GetAssemblyReference($_).Name) })
        } finally { $stream.Dispose() }
    }

    # Tokens of PowerShell 7 syntax that Windows PowerShell 5.1 cannot parse, and variables it does not define.
    $script:newSyntax = 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr', 'QuestionMark'
    $script:coreOnlyVariables = 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR'
}

Describe 'The loader picks the assembly of the edition' {
    It 'loaded the flavour this run asked for (CGIP_MODULE_FLAVOUR=Desktop: net472, otherwise net8.0)' {
        $assembly = (Get-Command Start-CGIPAuthAdmin).ImplementingType.Assembly
        if ($env:CGIP_MODULE_FLAVOUR -eq 'Desktop') {
            $assembly.Location | Should -Be (Join-Path $script:desktopFolder 'CognitoAdminAuth.dll')
            Get-TargetFramework $assembly.Location | Should -Be '.NETFramework,Version=v4.7.2'
        } else {
            $assembly.Location | Should -Be (Join-Path $script:moduleFolder 'CognitoAdminAuth.dll')
            Get-TargetFramework $assembly.Location | Should -Be '.NETCoreApp,Version=v8.0'
        }
    }

    It 'exports the cmdlets of the manifest and nothing else, whichever assembly it loaded' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:moduleFolder 'CognitoAdminAuth.psd1')
        @((Get-Module CognitoAdminAuth).ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        (Get-Module CognitoAdminAuth).ExportedFunctions.Count | Should -Be 0
    }
}

Describe 'What ships for Windows PowerShell 5.1' {
    It 'the Desktop assembly needs only .NET Framework 4.7.2, the host''s PowerShell and the assemblies beside it' {
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $framework = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
        $available = @(Get-ChildItem $framework, (Join-Path $framework 'Facades') -Filter *.dll).BaseName +
            @(Get-ChildItem $script:desktopFolder -Filter *.dll).BaseName + 'System.Management.Automation'
        $shipped = Get-ChildItem $script:desktopFolder -Filter *.dll
        $shipped.Name | Should -Contain 'System.Text.Json.dll'
        $missing = foreach ($dll in $shipped) {
            foreach ($reference in Get-AssemblyReferences $dll.FullName) {
                if ($reference -notin $available) { "$($dll.Name) -> $reference" }
            }
        }
        $missing | Should -BeNullOrEmpty
        # Control: the Core assembly references what .NET Framework does not have.
        Get-AssemblyReferences (Join-Path $script:moduleFolder 'CognitoAdminAuth.dll') | Should -Contain 'System.Runtime'
    }

    It 'the shipped scripts use no syntax or variable that Windows PowerShell 5.1 lacks' {
        $scripts = @(Get-ChildItem $script:moduleFolder -Recurse -Include *.ps1, *.psm1)
        $scripts.Name | Should -Contain 'CognitoAdminAuth.psm1'
        $found = foreach ($file in $scripts) {
            $tokens = $null; $errors = $null
            [void][Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$tokens, [ref]$errors)
            $errors | Should -BeNullOrEmpty
            foreach ($t in $tokens) {
                if ("$($t.Kind)" -in $script:newSyntax -or ($t.Kind -eq 'Variable' -and $t.Name -in $script:coreOnlyVariables)) {
                    "$($file.Name):$($t.Extent.StartLineNumber) $($t.Text)"
                }
            }
        }
        $found | Should -BeNullOrEmpty
        # Control: the scan does see PowerShell 7 syntax.
        $tokens = $null; $errors = $null
        [void][Management.Automation.Language.Parser]::ParseInput('$a ?? $b; $IsWindows', [ref]$tokens, [ref]$errors)
        @($tokens | Where-Object { "$($_.Kind)" -in $script:newSyntax -or $_.Name -in $script:coreOnlyVariables }).Count | Should -Be 2
    }

    It 'the format file renders without ANSI sequences or $PSStyle, which 5.1 does not have' {
        $text = Get-Content -Raw (Join-Path $script:moduleFolder 'CognitoAdminAuth.Format.ps1xml')
        $text | Should -Not -Match '\x1b|`e|\[char\]\s*27|PSStyle'
        ([xml]$text).Configuration.ViewDefinitions.View | Should -Not -BeNullOrEmpty
    }
}
