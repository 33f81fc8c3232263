<#
.SYNOPSIS
    The Windows side of the Pester run under Wine: runs in the win-x64 PowerShell host (tests/wine/host), imports
    Pester from the repo's .tools, runs the given suites against the module in $env:CGIP_TEST_MODULE and writes
    'passed failed' to ResultFile for tests/Run-AllTests.ps1, which starts the servers and adds up the counts.
#>
param(
    [Parameter(Mandatory)] [string] $ResultFile,
    # Comma-separated suite file names under tests/.
    [Parameter(Mandatory)] [string] $Suites,
    # Comma-separated Pester tags to leave out (tests that need Linux-side tools: tests/Run-AllTests.ps1 says which).
    [string] $ExcludeTag = ''
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Off
$tests = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $tests '..' '.tools' 'modules' 'Pester' '5.7.1' 'Pester.psd1')
$config = New-PesterConfiguration
$config.Run.Path = @($Suites -split ',' | ForEach-Object { Join-Path $tests $_ })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
if ($ExcludeTag) { $config.Filter.ExcludeTag = @($ExcludeTag -split ',') }
$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Set-Content -Path $ResultFile -Value "$($result.PassedCount) $failed"
exit ([int]($failed -gt 0))
