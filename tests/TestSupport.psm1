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
    <# Starts moto on 127.0.0.1 on a free port; returns an object with Url and Process. #>
    $motoServer = Join-Path $script:RepoRoot '.tools/venv/bin/moto_server'
    if (-not (Test-Path $motoServer)) { throw "moto is not installed: run scripts/bootstrap.sh first ($motoServer missing)" }
    $port = Get-FreeTcpPort
    $log = [System.IO.Path]::GetTempFileName()
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
            if ([DateTime]::UtcNow -gt $deadline) { Stop-MotoServer ([pscustomobject]@{ Process = $process }); throw "moto did not answer on $url within 30 s" }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Url = $url; Port = $port; Process = $process; Log = $log }
}

function Stop-MotoServer($Server) {
    if ($Server -and $Server.Process -and -not $Server.Process.HasExited) {
        $Server.Process.Kill($true)
        $Server.Process.WaitForExit(5000) | Out-Null
    }
}

function Invoke-CognitoApi {
    <# Calls a Cognito API on the emulator directly (moto does not check signatures; the scope names the region and service). #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Operation, [hashtable] $Body = @{})
    $headers = @{
        'X-Amz-Target'  = "AWSCognitoIdentityProviderService.$Operation"
        'Authorization' = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0'
    }
    Invoke-RestMethod -Method Post -Uri "$($Server.Url)/" -Headers $headers -ContentType 'application/x-amz-json-1.1' `
        -Body ($Body | ConvertTo-Json -Depth 10 -Compress)
}

function New-TestUserPool {
    <#
    Creates a pool, an app client allowing admin password auth and refresh, and a confirmed user with a
    permanent password (or, with -Temporary, a user that must set a new password on first sign-in).
    #>
    param([Parameter(Mandatory)] $Server, [string] $UserName = 'alice', [string] $Password = 'Correct-Horse-9!', [switch] $Temporary, [switch] $GenerateSecret)
    $pool = (Invoke-CognitoApi $Server CreateUserPool @{ PoolName = "pool-$([guid]::NewGuid().ToString('n').Substring(0,8))" }).UserPool
    $clientBody = @{
        UserPoolId        = $pool.Id
        ClientName        = 'admin-client'
        ExplicitAuthFlows = @('ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH')
        GenerateSecret    = [bool]$GenerateSecret
    }
    $client = (Invoke-CognitoApi $Server CreateUserPoolClient $clientBody).UserPoolClient
    Invoke-CognitoApi $Server AdminCreateUser @{ UserPoolId = $pool.Id; Username = $UserName; TemporaryPassword = $Password; MessageAction = 'SUPPRESS' } | Out-Null
    if (-not $Temporary) {
        Invoke-CognitoApi $Server AdminSetUserPassword @{ UserPoolId = $pool.Id; Username = $UserName; Password = $Password; Permanent = $true } | Out-Null
    }
    [pscustomobject]@{
        UserPoolId = $pool.Id; ClientId = $client.ClientId; ClientSecret = $client.PSObject.Properties['ClientSecret']?.Value
        UserName = $UserName; Password = $Password
    }
}

function Get-TestConnection($Server) {
    <# Splat for the cmdlets: the emulator's endpoint, a region and dummy keys. #>
    @{ EndpointUrl = $Server.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
}

Export-ModuleMember -Function Start-MotoServer, Stop-MotoServer, Invoke-CognitoApi, New-TestUserPool, Get-TestConnection, Get-FreeTcpPort
