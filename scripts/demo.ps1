<#
.SYNOPSIS
    The main job, end to end against a local Cognito emulator: an administrator creates a user with a
    temporary password, the user signs in, sets a new password, and gets tokens. Nothing leaves this machine.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../tests/TestSupport.psm1') -Force

function Step([int] $n, [string] $text) {
    Write-Progress -Activity 'CognitoAdminAuth demo' -Status $text -PercentComplete ($n * 20)
    Write-Host "`n[$n/5] $text" -ForegroundColor Cyan
}

Step 1 'Starting the local Cognito emulator (moto) on 127.0.0.1'
$server = Start-MotoServer
try {
    Write-Host "      emulator at $($server.Url)"
    $connection = Get-TestConnection $server

    Step 2 'Creating a user pool, an app client and user "alice" with a temporary password'
    $pool = New-TestUserPool $server -UserName 'alice' -Password 'Temp-Passw0rd!' -Temporary
    Write-Host "      pool $($pool.UserPoolId), client $($pool.ClientId.Substring(0, 8))..."

    Step 3 'Signing in with Start-CGIPAuthAdmin (ADMIN_USER_PASSWORD_AUTH)'
    $first = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
        -AuthParameter @{ USERNAME = 'alice'; PASSWORD = 'Temp-Passw0rd!' } @connection
    Write-Host "      Cognito answers with the challenge $($first.ChallengeName)"

    Step 4 'Answering NEW_PASSWORD_REQUIRED with Send-CGIPAuthChallengeResponseAdmin (piped)'
    $signedIn = $first | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
        -ChallengeResponse @{ USERNAME = 'alice'; NEW_PASSWORD = 'New-Passw0rd-42!' } @connection

    Step 5 'Signed in. The tokens (redacted on screen; the values are in the properties):'
    $signedIn.AuthenticationResult | Format-List | Out-Host
    $access = $signedIn.AuthenticationResult.AccessToken
    Write-Host "      AccessToken starts with $($access.Substring(0, 12))... ($($access.Length) characters)"
    Write-Host '      What the ID token says (ConvertFrom-CGIPUnverifiedToken: decoded, signature not verified):'
    $token = $signedIn.AuthenticationResult | ConvertFrom-CGIPUnverifiedToken
    $token.Claims | Select-Object 'cognito:username', token_use, iss | Format-List | Out-Host
    Write-Host "      expires at $($token.ExpiresAt.ToString('u'))"
    Write-Host 'Sign-in succeeded against the local emulator.' -ForegroundColor Green
} finally {
    Stop-TestServer $server
    Write-Progress -Activity 'CognitoAdminAuth demo' -Completed
    Write-Host 'Emulator stopped.'
}
