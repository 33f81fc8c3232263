#Requires -Version 7.4
<#
.SYNOPSIS
    Makes .tools/pwsh-r2r/: a copy of the dotnet-tool PowerShell whose managed assemblies are compiled
    ReadyToRun, the form in which PowerShell's release packages (MSI, deb, tar.gz) ship them. Prints the path of
    its pwsh launcher.
.DESCRIPTION
    The dotnet-tool package that bootstrap.sh installs ships System.Management.Automation and the rest as IL only
    (their CLI header has no ManagedNativeHeader), so every method PowerShell runs is JIT-compiled first; the release
    packages are compiled ReadyToRun (PowerShell/PowerShell#12361). bench/run.ps1 -PwshHost ReadyToRun measures
    on this copy to show what a user with an installed pwsh sees; nothing of the module changes.
    Crossgen2 comes from NuGet through a throwaway restore (the SDK picks the version that matches its runtime),
    and compiles each IL-only assembly against the shared framework that runs pwsh. Idempotent: an existing copy
    made from the same tool and framework is reused.
.PARAMETER Destination
    Where the copy goes (default .tools/pwsh-r2r).
#>
[CmdletBinding()]
param([string] $Destination = (Join-Path (Split-Path $PSScriptRoot -Parent) '.tools/pwsh-r2r'))
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path $PSScriptRoot -Parent
$tool = Get-ChildItem -Path (Join-Path $root '.tools/pwsh/.store/powershell') -Recurse -Filter pwsh.dll |
    Where-Object { $_.Directory.Name -eq 'unix' } | Select-Object -First 1
if (-not $tool) { throw "no dotnet-tool pwsh under .tools/pwsh: run 'bash scripts/bootstrap.sh' first" }
$framework = [IO.Path]::GetDirectoryName([object].Assembly.Location)
$stamp = "$($tool.FullName) on $framework"
$launcher = Join-Path $Destination 'pwsh'
$stampFile = Join-Path $Destination '.made-from'
if ((Test-Path $launcher) -and (Test-Path $stampFile) -and (Get-Content $stampFile -Raw).Trim() -eq $stamp) { return $launcher }

function Test-IlOnly([string] $path) {
    $stream = [IO.File]::OpenRead($path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        $cor = $pe.PEHeaders.CorHeader
        $null -ne $cor -and $cor.ManagedNativeHeaderDirectory.Size -eq 0
    } catch [BadImageFormatException] { $false } finally { $stream.Dispose() }
}

$work = Join-Path ([IO.Path]::GetTempPath()) "cgip-r2r-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null
try {
    # A restore of any ReadyToRun project for this RID downloads the Crossgen2 package the SDK pairs with it.
    Set-Content -Path (Join-Path $work 'Probe.csproj') -Value @'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <PublishReadyToRun>true</PublishReadyToRun>
    <SelfContained>false</SelfContained>
  </PropertyGroup>
  <Target Name="ShowCrossgen" DependsOnTargets="ResolveFrameworkReferences;ResolveReadyToRunCompilers">
    <Message Importance="high" Text="CROSSGEN=%(Crossgen2Tool.Identity)" />
  </Target>
</Project>
'@
    $out = & dotnet msbuild (Join-Path $work 'Probe.csproj') -restore -t:ShowCrossgen -nologo -v:m 2>&1
    if ($LASTEXITCODE -ne 0) { throw "finding Crossgen2 failed:`n$($out -join "`n")" }
    $crossgen = ($out | Select-String -Pattern 'CROSSGEN=(.+)$' | Select-Object -First 1).Matches.Groups[1].Value.Trim()
    if (-not $crossgen -or -not (Test-Path $crossgen)) { throw "Crossgen2 not found in:`n$($out -join "`n")" }

    if (Test-Path $Destination) { Remove-Item -Recurse -Force $Destination }
    Copy-Item -Recurse -Path $tool.Directory.FullName -Destination $Destination
    $inputs = @(Get-ChildItem -Path $tool.Directory.FullName -Filter *.dll | Where-Object { Test-IlOnly $_.FullName })
    $compiled = Join-Path $work 'compiled'
    New-Item -ItemType Directory -Force -Path $compiled | Out-Null
    # One response file names every reference (wildcards on the command line would meet pwsh's own globbing).
    $rsp = Join-Path $work 'references.rsp'
    Set-Content -Path $rsp -Value @(Get-ChildItem -Path $framework, $tool.Directory.FullName -Filter *.dll | ForEach-Object { "-r:$($_.FullName)" })
    $inputs | ForEach-Object -ThrottleLimit ([Environment]::ProcessorCount) -Parallel {
        $log = & $using:crossgen $_.FullName "--out:$(Join-Path $using:compiled $_.Name)" "@$($using:rsp)" --targetos:linux --targetarch:x64 -O 2>&1
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 $($_.Name) failed: $($log -join ' ')" }
    }
    Copy-Item -Path (Join-Path $compiled '*.dll') -Destination $Destination -Force
    Set-Content -Path $stampFile -Value $stamp
    Write-Host "Compiled $($inputs.Count) assemblies ReadyToRun with $crossgen into $Destination"
} finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
$launcher
