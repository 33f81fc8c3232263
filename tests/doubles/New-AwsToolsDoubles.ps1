#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the AWS.Tools test doubles and lays them out as PSModulePath roots, the way the real modules install.
.DESCRIPTION
    <OutPath>/v4      AWS.Tools.Common 4.1.999 (the V4 double: $AWSHistory, Set-AWSHistoryConfiguration,
                      Clear-AWSHistory, Invoke-AWSDoubleServiceCall) with the real AWSSDK.Core 3.7.402.
    <OutPath>/v5      AWS.Tools.Common 5.0.999 (Invoke-AWSDoubleServiceCall only) with the real AWSSDK.Core 4.1.1, and
                      AWS.Tools.CognitoIdentityProvider 5.0.999 (Start-CGIPAuthAdmin, Send-CGIPAuthChallengeResponseAdmin,
                      Get-CGIPUserPoolClient) with the AWSSDK.CognitoIdentityProvider double.
    <OutPath>/broken  as v4, but AWSSDK.Core.dll is garbage bytes (a corrupt installed AWSSDK.Core).
    <OutPath>/obj     build output.
    Each AWSSDK.Core.dll is copied unmodified from the NuGet package (lib/netstandard2.0). Nothing is done when
    every output is newer than every input (sources, projects, this script, the botocore wheels), unless -Force.
    Prints one line; throws when a build fails.
.EXAMPLE
    ./tests/doubles/New-AwsToolsDoubles.ps1 -OutPath out/aws-tools-doubles
    $env:PSModulePath = "$PWD/out/aws-tools-doubles/v5$([IO.Path]::PathSeparator)$env:PSModulePath"
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OutPath,
    [switch] $Force
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$here = $PSScriptRoot
$OutPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutPath)
$obj = Join-Path $OutPath 'obj'
$stamp = Join-Path $OutPath 'doubles-built.stamp'
$wheels = [IO.Path]::GetFullPath((Join-Path $here '../../../shared/wheels'))
$sw = [Diagnostics.Stopwatch]::StartNew()

$commonGuid = 'e5b05bf3-9eee-47b2-81f2-41ddc0501b86'   # AWS.Tools.Common's own module GUID (its psd1 on the Gallery)
$cognitoGuid = 'c0a7d0b1-e5d0-4f0e-9d1a-5e4bb0c0d0b1'  # made up for the double
$modules = @(
    @{ Root = 'v4'; Name = 'AWS.Tools.Common'; Version = '4.1.999'; Project = 'AWS.Tools.Common.V4.Double'; Core = '3.7.402'
       Cmdlets = 'Set-AWSHistoryConfiguration', 'Clear-AWSHistory', 'Invoke-AWSDoubleServiceCall' }
    @{ Root = 'v5'; Name = 'AWS.Tools.Common'; Version = '5.0.999'; Project = 'AWS.Tools.Common.V5.Double'; Core = '4.1.1'
       Cmdlets = @('Invoke-AWSDoubleServiceCall') }
    @{ Root = 'v5'; Name = 'AWS.Tools.CognitoIdentityProvider'; Version = '5.0.999'; Project = 'AWS.Tools.CognitoIdentityProvider.Double'
       Cmdlets = 'Start-CGIPAuthAdmin', 'Send-CGIPAuthChallengeResponseAdmin', 'Get-CGIPUserPoolClient' }
)
$roots = 'v4', 'v5', 'broken'

# ---- up to date? ----
$inputs = @(
    Get-ChildItem -Path "$here/*" -File -Include '*.csproj', '*.slnx', '*.props', '*.py', 'New-AwsToolsDoubles.ps1'
    Get-ChildItem (Join-Path $here 'src') -File -Recurse -Filter '*.cs'
    Get-ChildItem $wheels -File -Filter 'botocore-*.whl' -ErrorAction SilentlyContinue
)
$newestInput = ($inputs | Measure-Object -Property LastWriteTimeUtc -Maximum).Maximum
$laidOut = $roots | ForEach-Object { Join-Path $OutPath $_ } | Where-Object { Test-Path $_ }
if (-not $Force -and (Test-Path $stamp) -and @($laidOut).Count -eq $roots.Count -and (Get-Item $stamp).LastWriteTimeUtc -gt $newestInput) {
    Write-Host "AWS.Tools doubles up to date in $OutPath (v4, v5, broken; checked in $([Math]::Round($sw.Elapsed.TotalSeconds, 1)) s)"
    return
}

# ---- build ----
function Invoke-DotnetBuild {
    # One solution: one restore and one build of the four projects, in parallel where they allow.
    # No build servers: nothing is left running after the script, and no lingering child holds the caller's pipes.
    $log = & dotnet build (Join-Path $here 'AWS.Tools.Doubles.slnx') -c Release --nologo -v quiet -clp:NoSummary `
        --disable-build-servers "-p:DoublesBuildRoot=$obj" "-p:BotocoreWheels=$wheels" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet build AWS.Tools.Doubles.slnx failed (exit code $LASTEXITCODE):`n$($log -join "`n")" }
}

function Get-BuiltFile([string] $project, [string] $file) {
    $path = Join-Path $obj "$project/bin/Release/netstandard2.0/$file"
    if (-not (Test-Path $path)) { throw "the build of $project did not produce $file" }
    $path
}

function Get-PackageCore([string] $project, [string] $version) {
    # The package's own file, found through the restore's record of where the packages are.
    $assets = Get-Content (Join-Path $obj "$project/obj/project.assets.json") -Raw | ConvertFrom-Json -AsHashtable
    $library = $assets.libraries["AWSSDK.Core/$version"]
    if (-not $library) { throw "$project was not restored against AWSSDK.Core $version" }
    foreach ($folder in $assets.packageFolders.Keys) {
        $dll = Join-Path $folder "$($library.path)/lib/netstandard2.0/AWSSDK.Core.dll"
        if (Test-Path $dll) { return $dll }
    }
    throw "AWSSDK.Core $version (lib/netstandard2.0) not found in $($assets.packageFolders.Keys -join ', ')"
}

# A run that fails from here on leaves no stamp, so the next one starts over.
Remove-Item $stamp -ErrorAction SilentlyContinue
$saved = $env:DOTNET_CLI_TELEMETRY_OPTOUT, $env:DOTNET_NOLOGO
try {
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
    Invoke-DotnetBuild
} finally {
    $env:DOTNET_CLI_TELEMETRY_OPTOUT, $env:DOTNET_NOLOGO = $saved
}

# ---- lay out ----
function ConvertTo-Psd1List([string[]] $items) { '@(' + (($items | ForEach-Object { "'$_'" }) -join ', ') + ')' }

foreach ($root in $roots) { Remove-Item (Join-Path $OutPath $root) -Recurse -Force -ErrorAction SilentlyContinue }
foreach ($m in $modules) {
    $dir = New-Item -ItemType Directory -Force -Path (Join-Path $OutPath "$($m.Root)/$($m.Name)/$($m.Version)")
    Copy-Item (Get-BuiltFile $m.Project "$($m.Name).dll") $dir
    if ($m.Name -eq 'AWS.Tools.Common') {
        Copy-Item (Get-PackageCore $m.Project $m.Core) $dir
        $guid = $commonGuid
        $requires = "RequiredAssemblies = @('AWSSDK.Core.dll')"
    } else {
        Copy-Item (Get-BuiltFile $m.Project 'AWSSDK.CognitoIdentityProvider.dll') $dir
        $guid = $cognitoGuid
        $requires = "RequiredModules = @(@{ ModuleName = 'AWS.Tools.Common'; RequiredVersion = '$($m.Version)'; Guid = '$commonGuid' })`n" +
                    "    RequiredAssemblies = @('AWSSDK.CognitoIdentityProvider.dll')"
    }
    Set-Content -Encoding utf8NoBOM -Path (Join-Path $dir "$($m.Name).psd1") -Value @"
# TEST DOUBLE of $($m.Name) (tests/doubles/New-AwsToolsDoubles.ps1): not the AWS module.
@{
    RootModule = '$($m.Name).dll'
    ModuleVersion = '$($m.Version)'
    GUID = '$guid'
    Author = 'CognitoAdminAuth tests (test double)'
    Description = 'Test double of $($m.Name) $($m.Version) for CognitoAdminAuth''s coexistence tests.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion = '5.1'
    $requires
    CmdletsToExport = $(ConvertTo-Psd1List $m.Cmdlets)
    FunctionsToExport = @()
    AliasesToExport = @()
    VariablesToExport = '*'
}
"@
}

# broken: the V4 layout with an AWSSDK.Core.dll that is no assembly (fixed bytes, so runs are comparable).
$broken = Join-Path $OutPath 'broken/AWS.Tools.Common/4.1.999'
New-Item -ItemType Directory -Force -Path (Split-Path $broken) | Out-Null
Copy-Item (Join-Path $OutPath 'v4/AWS.Tools.Common/4.1.999') (Split-Path $broken) -Recurse
$garbage = [byte[]]::new(4096)
[Random]::new(4242).NextBytes($garbage)
[IO.File]::WriteAllBytes((Join-Path $broken 'AWSSDK.Core.dll'), $garbage)

Set-Content -Path $stamp -Value "built $([DateTime]::UtcNow.ToString('o'))"
Write-Host "AWS.Tools doubles built in $OutPath (v4: Common 4.1.999 + AWSSDK.Core 3.7.402; v5: Common + CognitoIdentityProvider 5.0.999 + AWSSDK.Core 4.1.1; broken) in $([Math]::Round($sw.Elapsed.TotalSeconds, 1)) s"
