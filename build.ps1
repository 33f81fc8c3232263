#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the CognitoAdminAuth module (Rust core + C# cmdlets) into out/CognitoAdminAuth, and runs the
    demo or the tests.
.PARAMETER Task
    Build (default): build and assemble the module. Demo: build, then sign in against a local emulator.
    Test: build, then run cargo test and the Pester suites; ends with one 'N passed, N failed' line.
.PARAMETER SkipBuild
    Use the module already in out/ (for re-running tests quickly).
.PARAMETER Package
    Also make the Gallery-ready folder and .nupkg in out/package (scripts/New-ModulePackage.ps1).
.PARAMETER Runtime
    The platforms whose native library goes into the module (runtimes/<rid>/native). Default: the machine's
    own; with -Package, every platform this machine builds (on Linux x64: linux-x64 and win-x64, cross-built by
    scripts/build-native.sh). -Task Test runs the Windows suites under Wine when the module holds win-x64, so
    `build.ps1 -Package -Task Test` tests both platforms.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Demo', 'Test')]
    [string] $Task = 'Build',
    [switch] $SkipBuild,
    [switch] $Package,
    [string[]] $Runtime
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out/CognitoAdminAuth'

function Invoke-Native([string] $what, [scriptblock] $command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" }
}

function Get-RuntimeIdentifier {
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    "$os-$([System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())"
}

function Build-NativeLibrary([string] $rid) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    if ($IsLinux) {
        Invoke-Native "native build ($rid)" { bash (Join-Path $root 'scripts/build-native.sh') $rid $out }
    } elseif ($rid -eq (Get-RuntimeIdentifier)) {
        Invoke-Native 'cargo build' { cargo build --release --manifest-path (Join-Path $root 'Cargo.toml') -p cgip_native }
        $native = Join-Path $out "runtimes/$rid/native"
        New-Item -ItemType Directory -Force -Path $native | Out-Null
        $lib = if ($IsWindows) { 'cgip_native.dll' } else { 'libcgip_native.dylib' }
        Copy-Item (Join-Path $root "target/release/$lib") $native
    } else {
        throw "This machine builds only $(Get-RuntimeIdentifier); $rid is built on Linux (docs/toolchain.md)."
    }
    Write-Host "Native library for $rid in $([int]$sw.Elapsed.TotalSeconds) s"
}

function Build-Module {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    # The cross-build takes 25-40 minutes cold on two cores: only a package, or an explicit -Runtime, pays for it.
    $runtimes = if ($Runtime) { $Runtime } elseif ($Package -and (Get-RuntimeIdentifier) -eq 'linux-x64') { 'linux-x64', 'win-x64' } else { Get-RuntimeIdentifier }
    foreach ($rid in $runtimes) { Build-NativeLibrary $rid }
    # One netstandard2.0 assembly for both editions, with the System.Text.Json package's assemblies beside it
    # (Windows PowerShell 5.1 needs them; PowerShell 7 binds its runtime's own).
    $staging = Join-Path $root 'out/obj/bin/'
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'module/CognitoAdminAuth.csproj') -c Release "-p:BaseOutputPath=$staging" --nologo -v quiet -clp:NoSummary }
    Copy-Item (Join-Path $staging 'Release/netstandard2.0/*.dll') $out
    # The AWS-named stand-ins, each its own assembly, loaded only in sessions without the AWS SDK for .NET
    # (docs/aws-tools.md); the Cognito ones twice, on the Core stand-in and on the real AWSSDK.Core.
    $standIns = Join-Path $out 'StandIns'
    New-Item -ItemType Directory -Force -Path $standIns | Out-Null
    foreach ($project in 'Cognito', 'CognitoOnSdk') {
        $bin = Join-Path $root "out/obj/standins/$project/"
        Invoke-Native "dotnet build (stand-ins: $project)" { dotnet build (Join-Path $root "module/standins/$project/CognitoAdminAuth.StandIn.$project.csproj") -c Release "-p:BaseOutputPath=$bin" --nologo -v quiet -clp:NoSummary }
        Copy-Item (Join-Path $bin 'Release/netstandard2.0/CognitoAdminAuth.StandIn.*.dll') $standIns
    }
    Copy-Item (Join-Path $root 'module/CognitoAdminAuth.psd1'), (Join-Path $root 'module/CognitoAdminAuth.Format.ps1xml') $out
    # Get-Help: MAML generated from module/help/*.md and the built cmdlets' metadata; fails the build on a mismatch.
    $help = Join-Path $out 'CognitoAdminAuth.dll-Help.xml'
    & (Join-Path $root 'scripts/New-ModuleHelp.ps1') -ModulePath $out -HelpSource (Join-Path $root 'module/help') -OutFile $help
    Write-Host "Built $out in $([int]$sw.Elapsed.TotalSeconds) s"
}

if (-not $SkipBuild) { Build-Module }
if ($Package) { & (Join-Path $root 'scripts/New-ModulePackage.ps1') -ModulePath $out -OutDir (Join-Path $root 'out/package') }

switch ($Task) {
    'Demo' { & (Join-Path $root 'scripts/demo.ps1') -ModulePath $out }
    'Test' { & (Join-Path $root 'tests/Run-AllTests.ps1') -ModulePath $out; exit $LASTEXITCODE }
}
