<#
.SYNOPSIS
    Makes the Gallery-ready package of a built module folder: a copy of the folder under -OutDir (with every
    runtimes/<rid>/native library found) and CognitoAdminAuth.<version>.nupkg beside it, made by
    PSResourceGet's Publish-PSResource into a temporary local repository (no network).
.PARAMETER ModulePath
    The built module folder (out/CognitoAdminAuth).
.PARAMETER NativeLibraryFolder
    Extra runtimes/<rid>/native folders built on other systems (see docs/native-interop.md), merged in.
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
$runtimes = (Get-ChildItem (Join-Path $folder 'runtimes') -Directory).Name -join ', '
Write-Host "Packaged CognitoAdminAuth $($manifest.Version) for $runtimes into $OutDir"
Get-Item (Join-Path $OutDir $package.Name)
