<#
.SYNOPSIS
    The Linux side of the Windows runs under Wine (called by tests/Run-AllTests.ps1): starts moto on loopback
    (Wine shares the network stack; Windows programs under Wine cannot start the Linux servers themselves),
    then runs the C driver against cgip_native.dll and the Pester suites in PowerShell 7 for Windows.
    Returns one object per suite: Name, Passed, Failed.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$wineRun = Join-Path $root 'scripts/wine-run.sh'
$work = Join-Path $root 'out/wine'
Import-Module (Join-Path $root 'tests/TestSupport.psm1') -Force

# Suites that run in the Windows PowerShell, and why the others do not: they start Python fixtures
# (tests/fixtures/*.py, pyotp) as child processes, which a Windows process under Wine cannot do.
#   CannedResponses, Display, Soak     canned_server.py for every test
#   ScriptsParse                       the parser is the same on both; it walks the whole tree, target/ too (slow under Wine)
# Single tests tagged NotUnderWine are left out here because they need what this host lacks: those fixtures
# (a recording endpoint, the SRP server, pyotp); modules that pwsh ships beside the SDK (PSResourceGet for
# packaging, ThreadJob for Start-ThreadJob); or pwsh.exe's console host (What if lines go to the host UI).
$suites = 'StartCGIPAuthAdmin', 'SendCGIPAuthChallengeResponseAdmin', 'CommonBehaviour', 'Cancellation', 'AWSHistory',
'AuthAssist', 'CmdletSurface', 'Help', 'SelectCompletion', 'Packaging', 'PlatformConventions', 'TwoEditions', 'Coexistence' | ForEach-Object { "$_.Tests.ps1" }

# Wine maps the Linux root to drive Z:.
function ConvertTo-WinePath([string] $Path) { 'Z:' + ((Resolve-Path $Path).Path -replace '/', '\') }

function Invoke-Wine {
    & bash $wineRun @args 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ -notmatch 'Read access denied for device' }
}

$lib = Join-Path $ModulePath 'runtimes/win-x64/native/cgip_native.dll'
if (-not (Test-Path $lib)) {
    Write-Host "The module has no win-x64 library ($lib): build it with build.ps1 (scripts/build-native.sh win-x64)."
    return [pscustomobject]@{ Name = 'win-x64 under Wine'; Passed = 0; Failed = 1 }
}
New-Item -ItemType Directory -Force -Path $work | Out-Null

$moto = Start-MotoServer
$motoTotp = Start-MotoServer -CheckTotpCodes
try {
    # --- The C ABI from a Windows C program -----------------------------------------------------------------
    Write-Host '== C driver: cgip_native.dll through the C ABI (win-x64 under Wine) =='
    $driver = Join-Path $work 'signin_driver.exe'
    & x86_64-w64-mingw32-gcc -O2 -o $driver (Join-Path $PSScriptRoot 'signin_driver.c')
    if ($LASTEXITCODE -ne 0) { throw 'the C driver does not compile' }
    $abi = [regex]::Match((Get-Content (Join-Path $root 'native/src/ffi.rs') -Raw), 'pub const ABI_VERSION: u32 = (\d+);').Groups[1].Value
    $pool = New-TestUserPool $moto -UserName 'zoë.driver' -Password 'Pässwört-C-9!'
    $cases = @(
        @{ Name = 'signs in a non-ASCII user with the right password'; Password = $pool.Password; Status = '0'; Expect = '"AccessToken":"' }
        @{ Name = 'answers a wrong password with the service error'; Password = 'Wrong-Password-1!'; Status = '1'; Expect = 'NotAuthorizedException' }
    )
    $driverPassed = 0; $driverFailed = 0
    foreach ($case in $cases) {
        # `operation` first, as the module writes it: the native core refuses an input that comes before it.
        $envelope = [ordered]@{
            operation = 'AdminInitiateAuth'
            client    = @{ region = 'us-east-1'; endpointUrl = $moto.Url; credentials = @{ accessKeyId = 'AKIDTEST'; secretAccessKey = 'test-secret' } }
            input     = @{ ClientId = $pool.ClientId; UserPoolId = $pool.UserPoolId; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameters = @{ USERNAME = $pool.UserName; PASSWORD = $case.Password } }
        } | ConvertTo-Json -Depth 5 -Compress
        $request = Join-Path $work 'request.json'
        [IO.File]::WriteAllText($request, $envelope, [Text.UTF8Encoding]::new($false))
        $out = @(Invoke-Wine $driver (ConvertTo-WinePath $lib) (ConvertTo-WinePath $request) $abi)
        Remove-Item $request
        $ok = $LASTEXITCODE -eq 0 -and $out.Count -ge 2 -and $out[0] -eq $case.Status -and $out[1].Contains($case.Expect)
        if ($ok) { $driverPassed++; Write-Host "  [+] $($case.Name)" } else { $driverFailed++; Write-Host "  [-] $($case.Name): exit $LASTEXITCODE, status '$($out[0])'" }
    }
    [pscustomobject]@{ Name = 'C driver, win-x64 under Wine'; Passed = $driverPassed; Failed = $driverFailed }

    # --- The module in PowerShell 7 for Windows -------------------------------------------------------------
    Write-Host '== Pester (module in PowerShell 7 for Windows, win-x64 under Wine) =='
    $hostDir = Join-Path $work 'pwsh'
    & dotnet publish (Join-Path $PSScriptRoot 'host/WinPwshHost.csproj') -c Release -o $hostDir --nologo -v quiet -clp:NoSummary
    if ($LASTEXITCODE -ne 0) { throw 'the win-x64 PowerShell host does not build' }
    # The AWS.Tools doubles (tests/Coexistence.Tests.ps1) are built here: dotnet and the botocore wheel are Linux-side.
    $doubles = Join-Path $root 'out/aws-tools-doubles'
    & (Join-Path $root 'tests/doubles/New-AwsToolsDoubles.ps1') -OutPath $doubles
    $saved = @{ CGIP_TEST_MODULE = $env:CGIP_TEST_MODULE; CGIP_TEST_MOTO_URL = $env:CGIP_TEST_MOTO_URL; CGIP_TEST_MOTO_TOTP_URL = $env:CGIP_TEST_MOTO_TOTP_URL
        CGIP_TEST_AWS_TOOLS_DOUBLES = $env:CGIP_TEST_AWS_TOOLS_DOUBLES }
    $env:CGIP_TEST_AWS_TOOLS_DOUBLES = ConvertTo-WinePath $doubles
    $env:CGIP_TEST_MODULE = ConvertTo-WinePath $ModulePath
    $env:CGIP_TEST_MOTO_URL = $moto.Url
    $env:CGIP_TEST_MOTO_TOTP_URL = $motoTotp.Url
    try {
        $name = 'Pester, win-x64 under Wine'
        $resultFile = Join-Path $work 'pester-result.txt'
        Remove-Item $resultFile -ErrorAction Ignore
        New-Item -ItemType File -Path $resultFile | Out-Null
        Invoke-Wine (Join-Path $hostDir 'pwsh.exe') -NoProfile -File (ConvertTo-WinePath (Join-Path $PSScriptRoot 'Invoke-WindowsPester.ps1')) `
            (ConvertTo-WinePath $resultFile) ($suites -join ',') 'NotUnderWine' | Write-Host
        $counts = "$(Get-Content $resultFile -Raw)".Trim() -split ' '
        if ($counts.Count -eq 2) { [pscustomobject]@{ Name = $name; Passed = [int]$counts[0]; Failed = [int]$counts[1] } }
        else { Write-Host "$name ended without a result"; [pscustomobject]@{ Name = $name; Passed = 0; Failed = 1 } }
    } finally {
        foreach ($k in $saved.Keys) { Set-Item "env:$k" $saved[$k] }
    }
} finally {
    Stop-TestServer $moto
    Stop-TestServer $motoTotp
}
