# Test fixtures: a real Cognito emulator (moto in server mode) on loopback, and helpers that set up
# pools, app clients and users through its API. Nothing here talks to AWS.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$script:RepoRoot = Split-Path $PSScriptRoot -Parent

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    <#
    Starts moto on 127.0.0.1 on a free port; returns an object with Url and Process. -CheckTotpCodes makes it
    verify SOFTWARE_TOKEN_MFA codes (moto reads MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP from its environment).
    #>
    param([switch] $CheckTotpCodes)
    # Under Wine the Windows PowerShell cannot start Linux programs: the Linux side of the run
    # (tests/Run-AllTests.ps1) starts both kinds of server and hands their URLs over; they are stopped there.
    $external = if ($CheckTotpCodes) { $env:CGIP_TEST_MOTO_TOTP_URL } else { $env:CGIP_TEST_MOTO_URL }
    if ($external) { return [pscustomobject]@{ Url = $external; Port = ([uri]$external).Port; Process = $null; Log = $null } }
    $totpSetting = $env:MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP
    if ($CheckTotpCodes) { $env:MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP = 'true' }
    try { Start-MotoProcess } finally { $env:MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP = $totpSetting }
}

function Start-MotoProcess {
    $motoServer = Join-Path $script:RepoRoot '.tools/venv/bin/moto_server'
    if (-not (Test-Path $motoServer)) { throw "moto is not installed: run scripts/bootstrap.sh first ($motoServer missing)" }
    $port = Get-FreeTcpPort
    $log = [System.IO.Path]::GetTempFileName()
    # Where moto's request recorder writes (Start-MotoRecording); it records nothing until asked.
    $env:MOTO_RECORDER_FILEPATH = "$log.rec"
    $process = Start-Process -FilePath $motoServer -ArgumentList @('-H', '127.0.0.1', '-p', "$port") -PassThru `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try {
            Invoke-WebRequest -Uri "$url/moto-api/" -TimeoutSec 2 | Out-Null
            break
        } catch {
            if ($process.HasExited) { throw "moto exited at start: $(Get-Content "$log.err" -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { Stop-TestServer ([pscustomobject]@{ Process = $process }); throw "moto did not answer on $url within 30 s" }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Url = $url; Port = $port; Process = $process; Log = $log }
}

function Stop-TestServer($Server) {
    if ($Server -and $Server.Process -and -not $Server.Process.HasExited) {
        $Server.Process.Kill($true)
        $Server.Process.WaitForExit(5000) | Out-Null
    }
}

function Invoke-CognitoApi {
    <# Calls a Cognito API on the emulator directly (moto does not check signatures; the scope names the region and service). #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Operation, [hashtable] $Body = @{}, [string] $Region = 'us-east-1')
    # moto keeps one backend per region, chosen by the signing scope.
    $headers = @{
        'X-Amz-Target'  = "AWSCognitoIdentityProviderService.$Operation"
        'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/$Region/cognito-idp/aws4_request, SignedHeaders=host, Signature=0"
    }
    Invoke-RestMethod -Method Post -Uri "$($Server.Url)/" -Headers $headers -ContentType 'application/x-amz-json-1.1' `
        -Body ($Body | ConvertTo-Json -Depth 10 -Compress)
}

function New-TestUserPool {
    <#
    Creates a pool, an app client allowing admin password auth and refresh, and a confirmed user with a
    permanent password (or, with -Temporary, a user that must set a new password on first sign-in).
    #>
    param([Parameter(Mandatory)] $Server, [string] $UserName = 'alice', [string] $Password = 'Correct-Horse-9!', [switch] $Temporary, [switch] $GenerateSecret,
        [string] $Region = 'us-east-1')
    $pool = (Invoke-CognitoApi -Region $Region $Server CreateUserPool @{ PoolName = "pool-$([guid]::NewGuid().ToString('n').Substring(0,8))" }).UserPool
    $clientBody = @{
        UserPoolId        = $pool.Id
        ClientName        = 'admin-client'
        ExplicitAuthFlows = @('ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH')
        GenerateSecret    = [bool]$GenerateSecret
    }
    $client = (Invoke-CognitoApi -Region $Region $Server CreateUserPoolClient $clientBody).UserPoolClient
    Invoke-CognitoApi -Region $Region $Server AdminCreateUser @{ UserPoolId = $pool.Id; Username = $UserName; TemporaryPassword = $Password; MessageAction = 'SUPPRESS' } | Out-Null
    if (-not $Temporary) {
        Invoke-CognitoApi -Region $Region $Server AdminSetUserPassword @{ UserPoolId = $pool.Id; Username = $UserName; Password = $Password; Permanent = $true } | Out-Null
    }
    [pscustomobject]@{
        UserPoolId = $pool.Id; ClientId = $client.ClientId; ClientSecret = $client.PSObject.Properties['ClientSecret']?.Value
        UserName = $UserName; Password = $Password; Region = $Region
    }
}

function Get-TestSignIn($Pool) {
    <# Splat for Start-CGIPAuthAdmin: an ADMIN_USER_PASSWORD_AUTH sign-in of the pool's user. #>
    @{
        ClientId = $Pool.ClientId; UserPoolId = $Pool.UserPoolId; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
        AuthParameter = @{ USERNAME = $Pool.UserName; PASSWORD = $Pool.Password }
    }
}

function Get-TestConnection($Server) {
    <# Splat for the cmdlets: the emulator's endpoint, a region and dummy keys. #>
    @{ EndpointUrl = $Server.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
}

function Start-MotoRecording($Server) {
    <# Clears moto's request recording and starts it: Get-MotoRecordedRequest then shows what reached moto. #>
    Invoke-RestMethod -Method Post -Uri "$($Server.Url)/moto-api/recorder/reset-recording" | Out-Null
    Invoke-RestMethod -Method Post -Uri "$($Server.Url)/moto-api/recorder/start-recording" | Out-Null
}

function Get-MotoRecordedRequest($Server) {
    <# The Cognito requests moto received since Start-MotoRecording: Target, signing AccessKeyId and Region, and the body's raw bytes. #>
    $recording = (Invoke-WebRequest -Uri "$($Server.Url)/moto-api/recorder/download-recording").Content
    foreach ($line in ($recording -split "`n" | Where-Object { $_ })) {
        $r = $line | ConvertFrom-Json -AsHashtable
        $headers = @{}; foreach ($k in $r.headers.Keys) { $headers[$k.ToLowerInvariant()] = $r.headers[$k] }
        $auth = [string]$headers['authorization']
        $scope = if ($auth -match 'Credential=([^/]+)/[^/]+/([^/]+)/') { $Matches[1], $Matches[2] } else { $null, $null }
        $body = if ($r.body_encoded) { [Convert]::FromBase64String($r.body) } else { [Text.Encoding]::UTF8.GetBytes([string]$r.body) }
        [pscustomobject]@{ Target = $headers['x-amz-target']; AccessKeyId = $scope[0]; Region = $scope[1]; BodyBytes = $body }
    }
}

Export-ModuleMember -Function Start-MotoServer, Stop-TestServer, Start-MotoRecording, Get-MotoRecordedRequest, Invoke-CognitoApi, New-TestUserPool, Get-TestSignIn, Get-TestConnection, Get-FreeTcpPort

function Start-CannedServer {
    <#
    Starts tests/fixtures/canned_server.py on 127.0.0.1 with the given replies (hashtables with status, body,
    delayMs). Returns Url, Process and RecordFile; read what it received with Get-CannedRequest.
    #>
    param([Parameter(Mandatory)] [object[]] $Reply)
    $replies = [System.IO.Path]::GetTempFileName()
    ConvertTo-Json -InputObject @($Reply) -Depth 20 | Set-Content -Path $replies -Encoding utf8
    Start-RecordingFixture 'canned_server.py' $replies
}

function Start-RecordingFixture([string] $Script, [string[]] $Arguments) {
    <# A fixture that takes its record file last (canned and contract servers); returns Url, Port, Process, RecordFile. #>
    $record = [System.IO.Path]::GetTempFileName()
    $all = @($Arguments) + $record
    Start-LoopbackFixture $Script @all | Add-Member -PassThru RecordFile $record
}

function Start-LoopbackFixture {
    <# Starts tests/fixtures/<Script> with the venv's python and the given arguments; it prints its loopback port first. #>
    param([Parameter(Mandatory)] [string] $Script, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    $psi = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $script:RepoRoot '.tools/venv/bin/python'))
    foreach ($a in @((Join-Path $PSScriptRoot "fixtures/$Script")) + @($Arguments)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $port = $process.StandardOutput.ReadLine()
    if (-not $port) { throw "the fixture $Script did not start" }
    [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Port = [int]$port; Process = $process }
}

function Get-CannedRequest($Server) {
    # The comma keeps a single request an array, so that .Count and [-1] mean requests, not hashtable keys.
    , @(Get-Content -Path $Server.RecordFile | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json -AsHashtable })
}

Export-ModuleMember -Function Start-CannedServer, Get-CannedRequest, Start-LoopbackFixture

function Start-ContractServer {
    <#
    Starts tests/fixtures/contract_server.py: a loopback Cognito built from botocore's cognito-idp model, which
    validates every request on the operation's input shape and answers by its ClientId, Session, Username, AccessToken or Token (an error shape's name: that
    error; anything else: every output member). Get-CannedRequest reads its verdicts.
    #>
    Start-RecordingFixture 'contract_server.py' @()
}

function Get-ContractManifest {
    <# What the contract server checks and answers, read from the installed botocore model (usable at discovery). #>
    $python = Join-Path $script:RepoRoot '.tools/venv/bin/python'
    $json = & $python (Join-Path $PSScriptRoot 'fixtures/contract_server.py') --manifest
    if ($LASTEXITCODE -ne 0) { throw "contract_server.py --manifest failed: $json" }
    $json | ConvertFrom-Json -AsHashtable
}

Export-ModuleMember -Function Start-ContractServer, Get-ContractManifest

function Get-TotpCode {
    <#
    The current 6-digit TOTP code for a base32 secret, computed with pyotp. moto hands out one fixed, short
    secret ('asdfasdfasdf', 60 bits) that pyotp refuses by default, so the minimum length check is lifted.
    moto accepts only the code of the current 30-second step, so when the step is about to end this waits for
    the next one, leaving the caller at least -MinSecondsLeft seconds to use the code.
    #>
    param([Parameter(Mandatory)] [string] $Secret, [int] $MinSecondsLeft = 4)
    $left = 30 - ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0) % 30
    if ($left -lt $MinSecondsLeft) { Start-Sleep -Milliseconds ([int](($left + 0.2) * 1000)) }
    $python = Join-Path $script:RepoRoot '.tools/venv/bin/python'
    $code = & $python -c 'import pyotp,sys; pyotp.TOTP.min_secret_length_bits = 0; print(pyotp.TOTP(sys.argv[1]).now())' $Secret
    if ($LASTEXITCODE -ne 0 -or "$code" -notmatch '^\d{6}$') { throw "pyotp did not produce a code for the secret: $code" }
    [string] "$code"   # a plain string: native-command output is PSObject-wrapped, which the cmdlets' maps refuse
}

function Get-CognitoSecretHash {
    <# SECRET_HASH for an app client with a secret: Base64(HMAC-SHA256(key = client secret, UserName + ClientId)). #>
    param([Parameter(Mandatory)] [string] $ClientId, [Parameter(Mandatory)] [string] $ClientSecret, [Parameter(Mandatory)] [string] $UserName)
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([System.Text.Encoding]::UTF8.GetBytes($ClientSecret))
    try { [Convert]::ToBase64String($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($UserName + $ClientId))) } finally { $hmac.Dispose() }
}

Export-ModuleMember -Function Get-TotpCode, Get-CognitoSecretHash

function Start-RecordingEndpoint {
    <# A canned server that answers every request with one body; Get-RecordedRequest tells who signed what. #>
    param([Parameter(Mandatory)] [string] $ResponseBody, [int] $StatusCode = 200)
    Start-CannedServer -Reply @(@{ status = $StatusCode; body = $ResponseBody })
}

function Get-RecordedRequest($Endpoint) {
    <# The requests a canned server received, with the signing access key and region read off the SigV4 scope. #>
    foreach ($r in (Get-CannedRequest $Endpoint)) {
        $auth = [string]$r.headers['authorization']
        $scope = if ($auth -match 'Credential=([^/]+)/[^/]+/([^/]+)/') { $Matches[1], $Matches[2] } else { $null, $null }
        [pscustomobject]@{
            Target = $r.target; AccessKeyId = $scope[0]; Region = $scope[1]; Authorization = $auth
            Body = $r.body | ConvertTo-Json -Depth 10 -Compress
        }
    }
}

Export-ModuleMember -Function Start-RecordingEndpoint, Get-RecordedRequest

function Start-SrpServer {
    <#
    Starts tests/fixtures/srp_server.py: a loopback stand-in for Cognito's SRP server side that knows one user
    and answers as Cognito was measured to (no Session with PASSWORD_VERIFIER; state by SECRET_BLOCK; checks
    TIMESTAMP, PASSWORD_CLAIM_SIGNATURE and, given a client secret, SECRET_HASH). Log lines (operation, member
    names, whether a Session came) accumulate in .LogFile; read them with Get-SrpServerLog.
    #>
    param([Parameter(Mandatory)] [string] $UserPoolId, [Parameter(Mandatory)] [string] $UserName, [Parameter(Mandatory)] [string] $Password,
        [string] $ClientId, [string] $ClientSecret,
        # Another name the user signs in by (an e-mail address); Cognito answers with UserName as USER_ID_FOR_SRP.
        [string] $Alias,
        # Send a Session with each verifier challenge, as moto does (Cognito does not).
        [switch] $WithSession,
        # A remembered device: its group key, key, and the PasswordVerifier and Salt given to ConfirmDevice.
        [string[]] $Device)
    $python = Join-Path $script:RepoRoot '.tools/venv/bin/python'
    $out = [System.IO.Path]::GetTempFileName(); $log = [System.IO.Path]::GetTempFileName()
    $arguments = @((Join-Path $PSScriptRoot 'fixtures/srp_server.py'), $UserPoolId, $UserName, $Password)
    if ($ClientSecret) { $arguments += $ClientId, $ClientSecret }
    if ($Alias) { $arguments += '--alias', $Alias }
    if ($WithSession) { $arguments += '--with-session' }
    if ($Device) { $arguments += @('--device') + $Device }
    $process = Start-Process -FilePath $python -ArgumentList $arguments -PassThru -RedirectStandardOutput $out -RedirectStandardError $log
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not ($port = Get-Content $out -TotalCount 1 -ErrorAction Ignore)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "the SRP server did not start: $(Get-Content $log -Raw)" }
        Start-Sleep -Milliseconds 50
    }
    [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Process = $process; LogFile = $log }
}

function Get-SrpServerLog($Server) {
    <# What the SRP server received, one object per request: target, members (names only), session (whether one came). #>
    Get-Content $Server.LogFile | ForEach-Object { $_ | ConvertFrom-Json }
}

Export-ModuleMember -Function Start-SrpServer, Get-SrpServerLog

function Assert-ServiceError($ErrorRecord, [string] $Code, [string] $Class) {
    <# AWS.Tools' service-error shape: a terminating InvalidOperationException carrying the typed SDK exception,
       error id "<type>,<cmdlet class>" (the class checked when given). #>
    $type = "Amazon.CognitoIdentityProvider.Model.$Code"
    $ErrorRecord.FullyQualifiedErrorId | Should -BeLike $(if ($Class) { "$type,Amazon.PowerShell.Cmdlets.CGIP.$Class" } else { "$type,*" })
    $ErrorRecord.CategoryInfo.Category | Should -Be 'InvalidOperation'
    $ErrorRecord.Exception | Should -BeOfType 'System.InvalidOperationException'
    $ErrorRecord.Exception.InnerException.GetType().FullName | Should -Be $type
    $ErrorRecord.Exception.InnerException.ErrorCode | Should -Be $Code
}

function Assert-NoSecretInError($ErrorRecord, [string[]] $Secrets) {
    <# Everything an error shows a user (the record in full, its details, every exception's text) holds none of $Secrets. #>
    $texts = @(($ErrorRecord | Format-List * -Force | Out-String), "$($ErrorRecord.ErrorDetails)")
    for ($e = $ErrorRecord.Exception; $e; $e = $e.InnerException) { $texts += $e.ToString() }
    foreach ($secret in $Secrets | Where-Object { $_ }) {
        foreach ($text in $texts) { $text.Contains($secret) | Should -BeFalse -Because "the error must not quote a secret: $text" }
    }
}

function Assert-ParameterFact {
    <# One parameter as AWS.Tools declares it: type, position, mandatory, pipeline binding (by property name when given),
       one parameter set, aliases when given; a mandatory one lets $null and '' through, as AWS.Tools (MODULAR) does. #>
    param([string] $Cmdlet, [string] $Parameter, [string] $Type, $Position, [bool] $Mandatory, [bool] $ByValue, $ByPropertyName, [string[]] $Aliases)
    $p = (Get-Command $Cmdlet).Parameters[$Parameter]
    $p | Should -Not -BeNullOrEmpty
    if ($Type) { $p.ParameterType.FullName | Should -Be $Type }
    $attribute = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $attribute.Count | Should -Be 1 -Because 'one parameter set'
    $attribute[0].Position | Should -Be ($null -eq $Position ? [int]::MinValue : $Position)
    $attribute[0].Mandatory | Should -Be $Mandatory
    $attribute[0].ValueFromPipeline | Should -Be $ByValue
    if ($null -ne $ByPropertyName) { $attribute[0].ValueFromPipelineByPropertyName | Should -Be $ByPropertyName }
    if ($Mandatory) {
        $p.Attributes.Where({ $_ -is [System.Management.Automation.AllowNullAttribute] }).Count | Should -Be 1
        $p.Attributes.Where({ $_ -is [System.Management.Automation.AllowEmptyStringAttribute] }).Count | Should -Be 1
    }
    if ($Aliases) { $p.Aliases | Should -Be $Aliases }
}

Export-ModuleMember -Function Assert-ServiceError, Assert-NoSecretInError, Assert-ParameterFact
