<#
.SYNOPSIS
    Makes the Gallery-ready package of a built module folder: a copy of the folder under -OutDir (with every
    runtimes/<rid>/native library found) and CognitoAdminAuth.<version>.nupkg beside it, made by
    PSResourceGet's Publish-PSResource into a temporary local repository (no network).
.PARAMETER ModulePath
    The built module folder (out/CognitoAdminAuth).
.PARAMETER NativeLibraryFolder
    Extra runtimes folders built on other systems (each holding <rid>/native/<library>, e.g. osx-arm64 built on
    a Mac: docs/toolchain.md), merged in.
.NOTES
    The packaged manifest's platform tags (Linux, Windows, MacOS) are set to the platforms whose library the
    package holds, so the Gallery never advertises a platform the package cannot load on.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDir,
    [string[]] $NativeLibraryFolder = @()
)
$ErrorActionPreference = 'Stop'
$manifest = Test-ModuleManifest (Join-Path $ModulePath 'CognitoAdminAuth.psd1')
$folder = Join-Path $OutDir 'CognitoAdminAuth'
if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
Copy-Item $ModulePath $folder -Recurse
foreach ($extra in $NativeLibraryFolder) { Copy-Item (Join-Path $extra '*') (Join-Path $folder 'runtimes') -Recurse -Force }

$runtimeIds = @(Get-ChildItem (Join-Path $folder 'runtimes') -Directory | Where-Object { Get-ChildItem (Join-Path $_.FullName 'native') -File -ErrorAction Ignore }).Name
if (-not $runtimeIds) { throw "No native library in $folder/runtimes/<rid>/native: nothing to package." }
$platformTags = @{ linux = 'Linux'; win = 'Windows'; osx = 'MacOS' }
$holds = @($runtimeIds | ForEach-Object { $platformTags[($_ -split '-')[0]] } | Sort-Object -Unique)
$manifestFile = Join-Path $folder 'CognitoAdminAuth.psd1'
$tags = @((Import-PowerShellDataFile $manifestFile).PrivateData.PSData.Tags | Where-Object { $_ -notin $platformTags.Values }) + $holds
$text = [regex]::Replace((Get-Content $manifestFile -Raw), "(?m)^(\s*Tags\s*=\s*)@\([^)]*\)", { param($m) $m.Groups[1].Value + "@('" + ($tags -join "', '") + "')" })
Set-Content -Path $manifestFile -Value $text -NoNewline -Encoding utf8

$repository = "CognitoAdminAuthPackaging$PID"
$feed = Join-Path ([IO.Path]::GetTempPath()) $repository
New-Item -ItemType Directory -Force -Path $feed | Out-Null
Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
try {
    Publish-PSResource -Path $folder -Repository $repository
    $package = Get-ChildItem $feed -Filter "CognitoAdminAuth.$($manifest.Version)*.nupkg" | Select-Object -First 1
    Move-Item $package.FullName $OutDir -Force
} finally {
    Unregister-PSResourceRepository -Name $repository
    Remove-Item $feed -Recurse -Force -ErrorAction Ignore
}
Write-Host "Packaged CognitoAdminAuth $($manifest.Version) for $($runtimeIds -join ', ') (tags: $($holds -join ', ')) into $OutDir"
Get-Item (Join-Path $OutDir $package.Name)
