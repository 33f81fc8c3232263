<#
.SYNOPSIS
    Runs every suite (cargo test for the native core, Pester for the module) and ends with one line
    'N passed, N failed' totalling them; exits 1 when anything failed.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
# The suites are written for PowerShell's default mode, as users run scripts; build.ps1's strict mode
# would otherwise reach into every test scope.
Set-StrictMode -Off
$root = Split-Path $PSScriptRoot -Parent
$passed = 0; $failed = 0
# Tests talk to loopback only: the last step of the credential chain (EC2 instance metadata) must never be
# probed, whatever a test leaves unset.
$env:AWS_EC2_METADATA_DISABLED = 'true'

Write-Host '== cargo test (native core) =='
$cargoOutput = & cargo test --release --manifest-path (Join-Path $root 'Cargo.toml') 2>&1 | ForEach-Object { "$_" }
$cargoOutput | Write-Host
foreach ($line in $cargoOutput) {
    if ($line -match '^test result: \w+\. (\d+) passed; (\d+) failed') { $passed += [int]$Matches[1]; $failed += [int]$Matches[2] }
}
if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed += 1; Write-Host 'cargo test failed before running tests' }

Write-Host '== cargo clippy (native core, warnings are errors) =='
& cargo clippy --release --manifest-path (Join-Path $root 'Cargo.toml') -p cgip_native --all-targets -- -D warnings 2>&1 | ForEach-Object { "$_" } | Write-Host
if ($LASTEXITCODE -eq 0) { $passed += 1 } else { $failed += 1; Write-Host 'cargo clippy found problems' }

Write-Host '== Pester (module) =='
$env:PSModulePath = (Join-Path $root '.tools/modules') + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.99
$env:CGIP_TEST_MODULE = $ModulePath
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config
$passed += $result.PassedCount
$failed += $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount

Write-Host ''
Write-Host "$passed passed, $failed failed"
exit ([int]($failed -gt 0))
