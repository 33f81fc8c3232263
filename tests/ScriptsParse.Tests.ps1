# The static check of the project's PowerShell scripts that this machine allows: PSScriptAnalyzer is not served
# by the NuGet copy here (docs/toolchain.md), so every script is at least parsed by PowerShell's own parser.
BeforeDiscovery {
    $root = Split-Path $PSScriptRoot -Parent
    $script:scripts = Get-ChildItem $root -Recurse -Include *.ps1, *.psm1, *.psd1 -File |
        Where-Object { $_.FullName -notmatch '[\\/](\.tools|out|target|node_modules|bin|obj)[\\/]' } |
        ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1) } }
}

Describe 'PowerShell scripts of the project' {
    It '<Name> parses without errors' -ForEach $script:scripts {
        $tokens = $null; $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) | Out-Null
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }
}
