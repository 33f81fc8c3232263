<#
.SYNOPSIS
    Runs every suite and ends with one line 'N passed, N failed' totalling them; exits 1 when anything failed:
    cargo test, and Pester on this platform, and on Linux the Windows build under Wine as well — the native
    crate's tests for win-x64, a C driver signing in through cgip_native.dll, and Pester suites in PowerShell 7
    for Windows (docs/toolchain.md).
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

# Adds up the 'test result:' lines of a cargo test run; a run that fails without a failed test counts one.
function Invoke-CargoTest([string] $What, [scriptblock] $Command) {
    Write-Host "== cargo test ($What) =="
    $output = & $Command 2>&1 | ForEach-Object { "$_" }
    $output | Write-Host
    $p = 0; $f = 0
    foreach ($line in $output) {
        if ($line -match '^test result: \w+\. (\d+) passed; (\d+) failed') { $p += [int]$Matches[1]; $f += [int]$Matches[2] }
    }
    if ($LASTEXITCODE -ne 0 -and $f -eq 0) { $f += 1; Write-Host "cargo test ($What) failed before running tests" }
    $script:passed += $p; $script:failed += $f
    $script:summary += "  $What`: $p passed, $f failed"
}
$summary = @()

Invoke-CargoTest 'native core' { cargo test --release --manifest-path (Join-Path $root 'Cargo.toml') }

Write-Host '== cargo clippy (native core, warnings are errors) =='
& cargo clippy --release --manifest-path (Join-Path $root 'Cargo.toml') -p cgip_native --all-targets -- -D warnings 2>&1 | ForEach-Object { "$_" } | Write-Host
if ($LASTEXITCODE -eq 0) { $passed += 1 } else { $failed += 1; Write-Host 'cargo clippy found problems' }

$env:PSModulePath = (Join-Path $root '.tools/modules') + [IO.Path]::PathSeparator + $env:PSModulePath
$env:CGIP_TEST_MODULE = $ModulePath
# The Pester suites in a pwsh of their own, so that this script's strict mode and modules stay out of them.
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$pesterPass = {
    param([string] $Tests, [string] $ResultFile)
    Set-StrictMode -Off
    Import-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.99
    $config = New-PesterConfiguration
    $config.Run.Path = $Tests
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    Set-Content -Path $ResultFile -Value "$($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
}
Write-Host '== Pester (module) =='
$resultFile = Join-Path ([IO.Path]::GetTempPath()) "cgip-pester-$PID.txt"
Remove-Item $resultFile -ErrorAction Ignore
& $pwsh -NoProfile -NonInteractive -Command $pesterPass -args $PSScriptRoot, $resultFile
$counts = if (Test-Path $resultFile) { "$(Get-Content $resultFile -Raw)".Trim() -split ' ' } else { @() }
Remove-Item $resultFile -ErrorAction Ignore
if ($counts.Count -eq 2) { $p = [int]$counts[0]; $f = [int]$counts[1] } else { $p = 0; $f = 1; Write-Host 'Pester ended without a result' }
$passed += $p
$failed += $f
$summary += "  Pester: $p passed, $f failed"

# The Windows build, on Windows semantics: Wine runs x64 Windows programs on x64 Linux. Only for a module that
# holds it (build.ps1 -Package, or -Runtime linux-x64,win-x64).
$windowsLibrary = Join-Path $ModulePath 'runtimes/win-x64/native/cgip_native.dll'
if (-not (Test-Path $windowsLibrary)) {
    Write-Host "== Windows suites under Wine: not run, the module holds no win-x64 library (build.ps1 -Package -Task Test runs them) =="
} elseif ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64') {
    Invoke-CargoTest 'native core, win-x64 under Wine' { bash (Join-Path $root 'scripts/wine-test-native.sh') }
    foreach ($suite in (& (Join-Path $PSScriptRoot 'wine/Invoke-WindowsSuites.ps1') -ModulePath $ModulePath)) {
        $passed += $suite.Passed; $failed += $suite.Failed
        $summary += "  $($suite.Name): $($suite.Passed) passed, $($suite.Failed) failed"
    }
}

Write-Host ''
$summary | Write-Host
Write-Host "$passed passed, $failed failed"
exit ([int]($failed -gt 0))
