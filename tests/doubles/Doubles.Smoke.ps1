#Requires -Version 7.4
<#
.SYNOPSIS
    Quick self-check of the AWS.Tools doubles (not a Pester suite): builds them (New-AwsToolsDoubles.ps1), starts
    moto, then for each PSModulePath root imports the doubles in a fresh pwsh and checks that they load and behave
    as the real modules do. One line per check, then 'N passed, N failed'; exits 1 on a failure.
    Needs `bash scripts/bootstrap.sh` done once (pwsh and moto in .tools/).
#>
[CmdletBinding()]
param(
    [string] $OutPath = (Join-Path ([IO.Path]::GetTempPath()) 'cgip-aws-tools-doubles'),
    [switch] $Force
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

& (Join-Path $PSScriptRoot 'New-AwsToolsDoubles.ps1') -OutPath $OutPath -Force:$Force
Import-Module (Join-Path $PSScriptRoot '../TestSupport.psm1') -Force

# What each fresh process runs. It prints 'ok|<check>' or 'FAIL|<check>|<detail>' lines only.
$child = {
    $ErrorActionPreference = 'Stop'
    $root = $env:DOUBLES_ROOT
    function Check([string] $name, [scriptblock] $test) {
        try {
            $detail = & $test
            if ($detail -is [string] -and $detail.StartsWith('FAIL:')) { "FAIL|$root $name|$($detail.Substring(5))" } else { "ok|$root $name" }
        } catch { "FAIL|$root $name|$($_.Exception.GetType().FullName): $($_.Exception.Message)" }
    }
    function Expect($actual, $expected) { if ("$actual" -ne "$expected") { "FAIL:expected '$expected', got '$actual'" } }

    if ($root -eq 'broken') {
        Check 'Import-Module AWS.Tools.Common fails on the corrupt AWSSDK.Core.dll' {
            try { Import-Module AWS.Tools.Common; 'FAIL:imported' } catch { }
        }
        return
    }
    $sdkVersion, $commonVersion = if ($root -eq 'v4') { '3.3.0.0', '4.1.999' } else { '4.0.0.0', '5.0.999' }
    Check "Import-Module AWS.Tools.Common $commonVersion" { Import-Module AWS.Tools.Common; Expect (Get-Module AWS.Tools.Common).Version $commonVersion }
    Check "AWSSDK.Core assembly version $sdkVersion" { Expect ([Amazon.Runtime.AmazonServiceException].Assembly.GetName().Version) $sdkVersion }
    Check 'catch [Amazon.Runtime.AmazonServiceException] catches Invoke-AWSDoubleServiceCall' {
        $r = try { Invoke-AWSDoubleServiceCall; 'not thrown' } catch [Amazon.Runtime.AmazonServiceException] { 'caught' }
        Expect $r 'caught'
    }
    Check 'the error record has the AWS.Tools shape' {
        try { Invoke-AWSDoubleServiceCall 'boom' } catch { $e = $_ }
        Expect ($e.FullyQualifiedErrorId, $e.CategoryInfo.Category, $e.Exception.GetType().Name, $e.Exception.Message,
                $e.Exception.InnerException.ErrorCode, [int]$e.Exception.InnerException.StatusCode) `
               ('Amazon.Runtime.AmazonServiceException,Amazon.PowerShell.Common.InvokeAWSDoubleServiceCallCmdlet', 'InvalidOperation',
                'InvalidOperationException', 'boom', 'DoubleServiceFailure', 400)
    }
    if ($root -eq 'v4') {
        Check '$AWSHistory records the failed call' {
            Clear-AWSHistory
            try { Invoke-AWSDoubleServiceCall } catch { }
            $commands = @($AWSHistory.Commands)
            Expect ($commands.Count, $commands[0].CmdletName, $AWSHistory.LastServiceResponse.ErrorCode,
                    [bool]$AWSHistory.LastServiceResponse.LoggedAt, "$AWSHistory") `
                   (1, 'Invoke-AWSDoubleServiceCall', 'DoubleServiceFailure', $true, '1 command(s) recorded, last  = Invoke-AWSDoubleServiceCall.')
        }
        Check 'Set-AWSHistoryConfiguration -RecordServiceRequests records the request; -MaxCmdletHistory 0 disables' {
            Set-AWSHistoryConfiguration -RecordServiceRequests
            try { Invoke-AWSDoubleServiceCall 'with request' } catch { }
            $request = $AWSHistory.LastServiceRequest
            Set-AWSHistoryConfiguration -MaxCmdletHistory 0
            Expect ($request.Message, [bool]$request.InvocationLine, "$AWSHistory") ('with request', $true, 'AWS History Disabled')
        }
    } else {
        Check 'no $AWSHistory (AWS.Tools V5 has none)' {
            try { Invoke-AWSDoubleServiceCall } catch { }
            Expect ([bool](Get-Variable AWSHistory -ErrorAction Ignore)) $false
        }
        Check 'Import-Module AWS.Tools.CognitoIdentityProvider; ChallengeNameType::NEW_PASSWORD_REQUIRED' {
            Import-Module AWS.Tools.CognitoIdentityProvider
            $c = [Amazon.CognitoIdentityProvider.ChallengeNameType]::NEW_PASSWORD_REQUIRED
            Expect ($c.Value, ($c -eq 'NEW_PASSWORD_REQUIRED'), [Amazon.CognitoIdentityProvider.AuthFlowType]::FindValue('X').Value) ('NEW_PASSWORD_REQUIRED', $true, 'X')
        }
        $connection = @{ EndpointUrl = $env:DOUBLES_MOTO; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
        Check 'Start-CGIPAuthAdmin ADMIN_USER_PASSWORD_AUTH returns an AdminInitiateAuthResponse with tokens' {
            $r = Start-CGIPAuthAdmin $env:DOUBLES_CLIENT -UserPoolId $env:DOUBLES_POOL -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                    -AuthParameter @{ USERNAME = 'alice'; PASSWORD = $env:DOUBLES_PASSWORD } @connection
            Expect ($r.GetType().FullName, [bool]$r.AuthenticationResult.AccessToken, [bool]$r.AuthenticationResult.IdToken,
                    $r.AuthenticationResult.TokenType, $r.HttpStatusCode, [bool]$r.ResponseMetadata.RequestId) `
                   ('Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse', $true, $true, 'Bearer', 'OK', $true)
        }
        Check 'a wrong password is caught as [Amazon.CognitoIdentityProvider.Model.NotAuthorizedException]' {
            $r = try {
                Start-CGIPAuthAdmin $env:DOUBLES_CLIENT -UserPoolId $env:DOUBLES_POOL -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                    -AuthParameter @{ USERNAME = 'alice'; PASSWORD = 'wrong-Password-1!' } @connection
                'not thrown'
            } catch [Amazon.CognitoIdentityProvider.Model.NotAuthorizedException] { $_ }
            Expect ($r.FullyQualifiedErrorId, $r.Exception.GetType().Name, $r.Exception.InnerException.ErrorCode,
                    [int]$r.Exception.InnerException.StatusCode, $r.Exception.InnerException.ErrorType) `
                   ('Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet',
                    'InvalidOperationException', 'NotAuthorizedException', 400, 'Sender')
        }
        Check 'NEW_PASSWORD_REQUIRED piped into Send-CGIPAuthChallengeResponseAdmin gives tokens' {
            $first = Start-CGIPAuthAdmin $env:DOUBLES_CLIENT2 -UserPoolId $env:DOUBLES_POOL2 -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                        -AuthParameter @{ USERNAME = 'bob'; PASSWORD = $env:DOUBLES_PASSWORD } @connection
            $second = $first | Send-CGIPAuthChallengeResponseAdmin $env:DOUBLES_CLIENT2 -UserPoolId $env:DOUBLES_POOL2 `
                        -ChallengeResponse @{ USERNAME = 'bob'; NEW_PASSWORD = 'New-Password-9!' } @connection
            Expect ($first.ChallengeName.GetType().Name, $first.ChallengeName, $second.GetType().Name, [bool]$second.AuthenticationResult.AccessToken) `
                   ('ChallengeNameType', 'NEW_PASSWORD_REQUIRED', 'AdminRespondToAuthChallengeResponse', $true)
        }
        Check 'Get-CGIPUserPoolClient returns the UserPoolClientType' {
            $c = Get-CGIPUserPoolClient -UserPoolId $env:DOUBLES_POOL -ClientId $env:DOUBLES_CLIENT @connection
            Expect ($c.GetType().Name, $c.ClientId, $c.ExplicitAuthFlows.GetType().Name, ($c.ExplicitAuthFlows -contains 'ALLOW_ADMIN_USER_PASSWORD_AUTH')) `
                   ('UserPoolClientType', $env:DOUBLES_CLIENT, 'List`1', $true)
        }
        # The canned server answers an unmodelled code first, then a modelled one with an extra member.
        $canned = @{ EndpointUrl = $env:DOUBLES_CANNED; Region = 'eu-west-1'; AccessKey = 'AKIDCANNED' }
        Check 'an unmodelled error code gets AmazonCognitoIdentityProviderException itself' {
            $r = try { Start-CGIPAuthAdmin 'client-1' -UserPoolId 'eu-west-1_pool' -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = 'u'; PASSWORD = 'p' } @canned; 'not thrown' } catch { $_ }
            Expect ($r.Exception.InnerException.GetType().FullName, $r.Exception.InnerException.ErrorCode, $r.Exception.Message, $r.Exception.InnerException.RequestId) `
                   ('Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException', 'SomethingNewException', 'new', 'canned-1')
        }
        Check 'a modelled error keeps its extra members (InvalidParameterException.ReasonCode)' {
            $r = try { Get-CGIPUserPoolClient 'eu-west-1_pool' -ClientId 'client-1' @canned; 'not thrown' } catch { $_ }
            Expect ($r.Exception.InnerException.GetType().Name, $r.Exception.InnerException.ReasonCode) ('InvalidParameterException', 'INVALID_PARAMETER')
        }
    }
}

# This PowerShell's own executable (the process itself may be the dotnet host).
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$separator = [IO.Path]::PathSeparator
$moto = Start-MotoServer
$results = [Collections.Generic.List[string]]::new()
$saved = @{}
try {
    $pool = New-TestUserPool -Server $moto
    $pool2 = New-TestUserPool -Server $moto -UserName bob -Temporary
    $canned = Start-CannedServer -Reply @(
        @{ status = 400; body = @{ __type = 'com.amazonaws.cognito.identity.idp.model#SomethingNewException'; message = 'new' } }
        @{ status = 400; body = @{ __type = 'InvalidParameterException'; message = 'bad'; reasonCode = 'INVALID_PARAMETER' } })
    $settings = @{
        DOUBLES_MOTO = $moto.Url; DOUBLES_POOL = $pool.UserPoolId; DOUBLES_CLIENT = $pool.ClientId; DOUBLES_PASSWORD = $pool.Password
        DOUBLES_POOL2 = $pool2.UserPoolId; DOUBLES_CLIENT2 = $pool2.ClientId; DOUBLES_CANNED = $canned.Url
    }
    foreach ($name in @($settings.Keys) + 'DOUBLES_ROOT', 'PSModulePath') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    foreach ($name in $settings.Keys) { [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($child.ToString()))
    foreach ($root in 'v4', 'v5', 'broken') {
        $env:DOUBLES_ROOT = $root
        # The root first, then the default module path (a fresh pwsh adds its own folders to what it inherits).
        $env:PSModulePath = (Join-Path $OutPath $root) + $separator + $saved['PSModulePath']
        $lines = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        foreach ($line in $lines) {
            $parts = "$line" -split '\|', 3
            if ($parts[0] -in 'ok', 'FAIL') { $results.Add("$line") } else { $results.Add("FAIL|$root unexpected output|$line") }
        }
    }
    # What the double sent, as the canned server received it: the AWS JSON 1.1 request of AWS.Tools.
    $sent = (Get-CannedRequest $canned)[0]
    $wanted = 'AWSCognitoIdentityProviderService.AdminInitiateAuth|application/x-amz-json-1.1|AKIDCANNED/eu-west-1|ADMIN_USER_PASSWORD_AUTH|u|client-1|eu-west-1_pool|AuthFlow,AuthParameters,ClientId,UserPoolId'
    $got = '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f $sent.target, $sent.headers['content-type'],
        ($sent.headers['authorization'] -replace '^.*Credential=([^/]+)/[^/]+/([^/]+)/.*$', '$1/$2'), $sent.body.AuthFlow,
        $sent.body.AuthParameters.USERNAME, $sent.body.ClientId, $sent.body.UserPoolId, (($sent.body.Keys | Sort-Object) -join ',')
    $results.Add($(if ($got -eq $wanted) { 'ok|v5 Start-CGIPAuthAdmin sends the AWS JSON 1.1 request' } else { "FAIL|v5 Start-CGIPAuthAdmin sends the AWS JSON 1.1 request|got $got" }))
} finally {
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    Stop-TestServer $moto
    if (Get-Variable canned -ErrorAction Ignore) { Stop-TestServer $canned }
}

foreach ($r in $results) {
    $parts = $r -split '\|', 3
    if ($parts[0] -eq 'ok') { Write-Host "  ok    $($parts[1])" } else { Write-Host "  FAIL  $($parts[1]): $($parts[2])" }
}
$failed = @($results | Where-Object { $_ -like 'FAIL|*' }).Count
Write-Host "$($results.Count - $failed) passed, $failed failed"
if ($failed) { exit 1 }
