# The static check of the project's PowerShell scripts that this machine allows: PSScriptAnalyzer is not served
# by the NuGet copy here (docs/toolchain.md), so every script is at least parsed by PowerShell's own parser.
BeforeDiscovery {
    $root = Split-Path $PSScriptRoot -Parent
    function Get-ProjectScript([string] $Dir) {
        # Never into build output or tools, nor through a link: the Wine test prefix under target/ links drive
        # Z: to /, and a recursive listing that filtered afterwards walked the whole file system.
        foreach ($item in Get-ChildItem -LiteralPath $Dir -Force) {
            if ($item.PSIsContainer) {
                if ($item.Name -notin '.git', '.tools', 'out', 'target', 'node_modules', 'bin', 'obj' -and -not $item.LinkType) { Get-ProjectScript $item.FullName }
            } elseif ($item.Extension -in '.ps1', '.psm1', '.psd1') { $item }
        }
    }
    $script:scripts = Get-ProjectScript $root | ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1) } }
}

Describe 'PowerShell scripts of the project' {
    It '<Name> parses without errors' -ForEach $script:scripts {
        $tokens = $null; $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) | Out-Null
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }
}
