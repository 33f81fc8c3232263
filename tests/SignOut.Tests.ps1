# Staying signed in and signing out: Get-CGIPTokensFromRefreshToken (GetTokensFromRefreshToken) with and without
# refresh-token rotation, REFRESH_TOKEN_AUTH through Start-CGIPAuthAdmin, Revoke-CGIPToken (RevokeToken) and
# Disconnect-CGIPUserGlobalAdmin (AdminUserGlobalSignOut), as AWS.Tools' cmdlets of the same names behave.
#
# Against tests/fixtures/journey_server.py only: moto 5.2.5 has neither GetTokensFromRefreshToken nor RevokeToken.
# The fixture rotates refresh tokens per app client with a grace period (0 here: the old token fails at once after its
# first use, so no test waits), checks ClientSecret as the secret itself, revokes a refresh token's whole family, and
# records every request (--record) so that a test can see what was, or was not, sent.
BeforeDiscovery {
    # What AWS.Tools' generated cmdlets declare (aws-tools-for-powershell, Basic/<Cmdlet>-Cmdlet.cs, MODULAR). ClientSecret
    # is a string there; the module also takes a SecureString, so its type is not asserted. Position $null: named.
    $script:parameterCases = @(
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'RefreshToken'; Type = 'System.String'; Position = 0; Mandatory = $true; ByValue = $true }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'ClientId'; Type = 'System.String'; Position = $null; Mandatory = $true; ByValue = $false }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'ClientMetadata'; Type = 'System.Collections.Hashtable'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'ClientSecret'; Type = $null; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'DeviceKey'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'Select'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'PassThru'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'Token'; Type = 'System.String'; Position = 0; Mandatory = $true; ByValue = $true }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'ClientId'; Type = 'System.String'; Position = $null; Mandatory = $true; ByValue = $false }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'ClientSecret'; Type = $null; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'Select'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'Force'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'Username'; Type = 'System.String'; Position = 0; Mandatory = $true; ByValue = $true }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'UserPoolId'; Type = 'System.String'; Position = $null; Mandatory = $true; ByValue = $false }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'Select'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'PassThru'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'Force'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false }
    )
    $script:cmdletCases = @(
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; ShouldProcess = $false; OutputType = 'Amazon.CognitoIdentityProvider.Model.AuthenticationResultType' }
        @{ Cmdlet = 'Revoke-CGIPToken'; ShouldProcess = $true; OutputType = 'None' }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; ShouldProcess = $true; OutputType = 'None' }
    )
    $script:nullCases = @(
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'RefreshToken'; Arguments = @{ RefreshToken = 'not-a-token'; ClientId = 'plain-client' } }
        @{ Cmdlet = 'Get-CGIPTokensFromRefreshToken'; Parameter = 'ClientId'; Arguments = @{ RefreshToken = 'not-a-token'; ClientId = 'plain-client' } }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'Token'; Arguments = @{ Token = 'not-a-token'; ClientId = 'plain-client' } }
        @{ Cmdlet = 'Revoke-CGIPToken'; Parameter = 'ClientId'; Arguments = @{ Token = 'not-a-token'; ClientId = 'plain-client' } }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'Username'; Arguments = @{ Username = 'ghost'; UserPoolId = 'us-east-1_SignOut1' } }
        @{ Cmdlet = 'Disconnect-CGIPUserGlobalAdmin'; Parameter = 'UserPoolId'; Arguments = @{ Username = 'ghost'; UserPoolId = 'us-east-1_SignOut1' } }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:poolId = 'us-east-1_SignOut1'
    $script:clientSecret = 'signoutsecret0123456789abcdefghijk'
    $script:password = 'SignOut-Passw0rd!'

    # One journey_server.py pool for the suite (MFA off: a password sign-in ends in tokens). Each test signs in a user of its own.
    $users = 'rota', 'rotb', 'grace', 'stay', 'rta', 'sec', 'sel', 'pipe', 'rev', 'revwi', 'revsel', 'revx', 'revsec', 'gso', 'gsopt', 'loud', 'hist' |
        ForEach-Object { @{ username = $_; password = $script:password } }
    $config = Join-Path $TestDrive 'signout-pool.json'
    $script:recordFile = Join-Path $TestDrive 'signout-requests.jsonl'
    ConvertTo-Json -Depth 10 -InputObject @{
        poolId = $script:poolId; mfa = 'OFF'; users = @($users)
        clients = @(
            @{ id = 'plain-client' }
            @{ id = 'other-client' }
            @{ id = 'rotating-client'; refreshTokenRotation = $true; retryGracePeriodSeconds = 0 }
            @{ id = 'grace-client'; refreshTokenRotation = $true; retryGracePeriodSeconds = 60 }
            @{ id = 'secret-client'; secret = $script:clientSecret })
    } | Set-Content -Path $config -Encoding utf8
    $script:server = Start-LoopbackFixture 'journey_server.py' $config '--record' $script:recordFile
    $script:conn = Get-TestConnection $script:server

    function script:Get-Requests {
        if (-not (Test-Path $script:recordFile)) { return , @() }
        , @(Get-Content $script:recordFile | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json -AsHashtable })
    }
    function script:Clear-Requests { Remove-Item $script:recordFile -ErrorAction Ignore }

    # The AuthenticationResult of a password sign-in.
    function script:Get-SignedIn([string] $UserName, [string] $ClientId = 'plain-client') {
        $secret = if ($ClientId -eq 'secret-client') { @{ ClientSecret = $script:clientSecret } } else { @{} }
        (Start-CGIPAuthAdmin $ClientId -UserPoolId $script:poolId -AuthFlow ADMIN_USER_PASSWORD_AUTH @secret `
            -AuthParameter @{ USERNAME = $UserName; PASSWORD = $script:password } @script:conn).AuthenticationResult
    }

    # A refresh that must fail: the terminating error, its code and class, and no token in it.
    function script:Assert-RefreshRefused([string] $RefreshToken, [string] $ClientId, [string] $Code) {
        $err = { Get-CGIPTokensFromRefreshToken $RefreshToken -ClientId $ClientId -ErrorAction SilentlyContinue @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err $Code 'GetCGIPTokensFromRefreshTokenCmdlet'
        Assert-NoSecretInError $err @($RefreshToken)
    }
}

AfterAll {
    Set-AWSHistoryConfiguration -RecordServiceRequests:$false -IncludeSensitiveData:$false
    Stop-TestServer $script:server
}

Describe 'Get-CGIPTokensFromRefreshToken on an app client that rotates refresh tokens' -Tag NotUnderWine {
    It 'returns an AuthenticationResultType with a new refresh token; the old one then fails with RefreshTokenReuseException' {
        $first = Get-SignedIn 'rota' 'rotating-client'
        $next = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId rotating-client @script:conn
        $next | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AuthenticationResultType'
        $next.TokenType | Should -Be 'Bearer'
        $next.AccessToken | Should -Not -BeNullOrEmpty
        $next.IdToken | Should -Not -BeNullOrEmpty
        $next.RefreshToken | Should -Not -BeNullOrEmpty
        $next.RefreshToken | Should -Not -Be $first.RefreshToken
        Assert-RefreshRefused $first.RefreshToken 'rotating-client' 'RefreshTokenReuseException'
        # The new one rotates in turn.
        (Get-CGIPTokensFromRefreshToken $next.RefreshToken -ClientId rotating-client @script:conn).RefreshToken | Should -Not -Be $next.RefreshToken
    }

    It 'keeps answering the old refresh token within the grace period' {
        $first = Get-SignedIn 'grace' 'grace-client'
        $a = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId grace-client @script:conn
        $b = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId grace-client @script:conn
        $a.RefreshToken | Should -Not -Be $first.RefreshToken
        $b.AccessToken | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-CGIPTokensFromRefreshToken on an app client without rotation, and REFRESH_TOKEN_AUTH' -Tag NotUnderWine {
    It 'returns new ID and access tokens and no refresh token; the old refresh token keeps working' {
        $first = Get-SignedIn 'stay'
        $a = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client @script:conn
        $a | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AuthenticationResultType'
        $a.AccessToken | Should -Not -BeNullOrEmpty
        $a.AccessToken | Should -Not -Be $first.AccessToken
        $a.RefreshToken | Should -BeNullOrEmpty
        (Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client @script:conn).AccessToken | Should -Not -BeNullOrEmpty
    }

    It 'REFRESH_TOKEN_AUTH through Start-CGIPAuthAdmin still works and its response has no RefreshToken' {
        $first = Get-SignedIn 'rta'
        $r = Start-CGIPAuthAdmin plain-client -UserPoolId $script:poolId -AuthFlow REFRESH_TOKEN_AUTH -AuthParameter @{ REFRESH_TOKEN = $first.RefreshToken } @script:conn
        $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        $r.AuthenticationResult.IdToken | Should -Not -BeNullOrEmpty
        $r.AuthenticationResult.RefreshToken | Should -BeNullOrEmpty
    }

    It 'sends -ClientSecret, given as a SecureString or a string, as the ClientSecret member; without it NotAuthorizedException' {
        $first = Get-SignedIn 'sec' 'secret-client'
        Clear-Requests
        $secure = ConvertTo-SecureString $script:clientSecret -AsPlainText -Force
        (Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $secure @script:conn).AccessToken | Should -Not -BeNullOrEmpty
        (Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret @script:conn).AccessToken | Should -Not -BeNullOrEmpty
        (Get-Requests).body.ClientSecret | Should -Be @($script:clientSecret, $script:clientSecret)
        (Get-Requests).body | ForEach-Object { $_.Keys | Should -Not -Contain 'SECRET_HASH' }
        $err = { Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'NotAuthorizedException' 'GetCGIPTokensFromRefreshTokenCmdlet'
        $err = { Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret 'wrong-secret-value-0123456789' @script:conn } | Should -Throw -PassThru
        Assert-NoSecretInError $err @($first.RefreshToken, 'wrong-secret-value-0123456789', $script:clientSecret)
    }

    It '-Select * outputs the whole GetTokensFromRefreshTokenResponse; -PassThru outputs the refresh token given' {
        $first = Get-SignedIn 'sel'
        $whole = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client -Select * @script:conn
        $whole | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.GetTokensFromRefreshTokenResponse'
        $whole.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client -PassThru @script:conn | Should -BeExactly $first.RefreshToken
        Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client -Select AuthenticationResult.TokenType @script:conn | Should -BeExactly 'Bearer'
        { Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client -PassThru -Select * @script:conn } |
            Should -Throw '*-PassThru cannot be used when -Select is specified*'
    }

    It 'takes the refresh token from the pipeline, as a string or from an AuthenticationResult, and sends -ClientMetadata and -DeviceKey' {
        $first = Get-SignedIn 'pipe'
        Clear-Requests
        ($first.RefreshToken | Get-CGIPTokensFromRefreshToken -ClientId plain-client @script:conn).AccessToken | Should -Not -BeNullOrEmpty
        ($first | Get-CGIPTokensFromRefreshToken -ClientId plain-client -ClientMetadata @{ source = 'test' } -DeviceKey 'us-east-1_dev' @script:conn).AccessToken |
            Should -Not -BeNullOrEmpty
        $requests = Get-Requests
        $requests.body.RefreshToken | Should -Be @($first.RefreshToken, $first.RefreshToken)
        $requests[1].body.ClientMetadata.source | Should -Be 'test'
        $requests[1].body.DeviceKey | Should -Be 'us-east-1_dev'
    }
}

Describe 'Revoke-CGIPToken signs a refresh token out' -Tag NotUnderWine {
    It 'outputs nothing, and the revoked refresh token then fails with NotAuthorizedException' {
        $first = Get-SignedIn 'rev'
        $out = @(Revoke-CGIPToken $first.RefreshToken -ClientId plain-client @script:conn)
        $out.Count | Should -Be 0
        Assert-RefreshRefused $first.RefreshToken 'plain-client' 'NotAuthorizedException'
    }

    It '-WhatIf sends nothing and the token keeps working' {
        $first = Get-SignedIn 'revwi'
        Clear-Requests
        Revoke-CGIPToken $first.RefreshToken -ClientId plain-client -WhatIf @script:conn | Should -BeNullOrEmpty
        Revoke-CGIPToken $first.RefreshToken -ClientId plain-client -WhatIf -Force @script:conn | Should -BeNullOrEmpty
        Get-Requests | Should -BeNullOrEmpty
        (Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client @script:conn).AccessToken | Should -Not -BeNullOrEmpty
    }

    It '-Select * outputs the RevokeTokenResponse' {
        $first = Get-SignedIn 'revsel'
        $r = Revoke-CGIPToken $first.RefreshToken -ClientId plain-client -Select * @script:conn
        $r | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.RevokeTokenResponse'
        Revoke-CGIPToken 'unknown.token' -ClientId plain-client -Select '^ClientId' @script:conn | Should -BeExactly 'plain-client'
    }

    It 'fails with <Code> for <Case>' -ForEach @(
        @{ Case = 'a refresh token another app client was issued'; Code = 'UnauthorizedException'; Kind = 'RefreshToken'; ClientId = 'other-client' }
        @{ Case = 'an access token'; Code = 'UnsupportedTokenTypeException'; Kind = 'AccessToken'; ClientId = 'plain-client' }
    ) {
        $first = Get-SignedIn 'revx'
        $err = { Revoke-CGIPToken $first.$Kind -ClientId $ClientId -ErrorAction SilentlyContinue @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err $Code 'RevokeCGIPTokenCmdlet'
        Assert-NoSecretInError $err @($first.RefreshToken, $first.AccessToken)
        (Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId plain-client @script:conn).AccessToken | Should -Not -BeNullOrEmpty -Because 'nothing was revoked'
    }

    It 'sends -ClientSecret (a SecureString) for an app client with a secret; without it UnauthorizedException' {
        $first = Get-SignedIn 'revsec' 'secret-client'
        $err = { Revoke-CGIPToken $first.RefreshToken -ClientId secret-client @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'UnauthorizedException' 'RevokeCGIPTokenCmdlet'
        Revoke-CGIPToken $first.RefreshToken -ClientId secret-client -ClientSecret (ConvertTo-SecureString $script:clientSecret -AsPlainText -Force) @script:conn
        Assert-RefreshRefused $first.RefreshToken 'secret-client' 'NotAuthorizedException'
    }
}

Describe 'Disconnect-CGIPUserGlobalAdmin signs a user out everywhere' -Tag NotUnderWine {
    It 'outputs nothing, and every refresh token of the user then fails with NotAuthorizedException' {
        $one = Get-SignedIn 'gso'
        $two = Get-SignedIn 'gso' 'rotating-client'
        $out = @(Disconnect-CGIPUserGlobalAdmin gso -UserPoolId $script:poolId @script:conn)
        $out.Count | Should -Be 0
        Assert-RefreshRefused $one.RefreshToken 'plain-client' 'NotAuthorizedException'
        Assert-RefreshRefused $two.RefreshToken 'rotating-client' 'NotAuthorizedException'
        $r = { Start-CGIPAuthAdmin plain-client -UserPoolId $script:poolId -AuthFlow REFRESH_TOKEN_AUTH -AuthParameter @{ REFRESH_TOKEN = $one.RefreshToken } @script:conn } |
            Should -Throw -PassThru
        $r.Exception.InnerException.ErrorCode | Should -Be 'NotAuthorizedException'
        (Get-SignedIn 'gso').AccessToken | Should -Not -BeNullOrEmpty -Because 'the user can sign in again'
    }

    It '-PassThru outputs the Username; -WhatIf sends nothing' {
        $first = Get-SignedIn 'gsopt'
        Clear-Requests
        Disconnect-CGIPUserGlobalAdmin gsopt -UserPoolId $script:poolId -WhatIf @script:conn | Should -BeNullOrEmpty
        Get-Requests | Should -BeNullOrEmpty
        'gsopt' | Disconnect-CGIPUserGlobalAdmin -UserPoolId $script:poolId -PassThru @script:conn | Should -BeExactly 'gsopt'
        (Get-Requests).operation | Should -Be @('AdminUserGlobalSignOut')
        Assert-RefreshRefused $first.RefreshToken 'plain-client' 'NotAuthorizedException'
    }

    It 'fails with UserNotFoundException for an unknown user' {
        $err = { Disconnect-CGIPUserGlobalAdmin 'nobody-here' -UserPoolId $script:poolId @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'UserNotFoundException' 'DisconnectCGIPUserGlobalAdminCmdlet'
    }

    It '-WhatIf prints AWS.Tools'' What if lines: Revoke-CGIPToken targets the ClientId, Disconnect-CGIPUserGlobalAdmin the UserPoolId' {
        $script = @"
Import-Module '$env:CGIP_TEST_MODULE'
`$c = @{ EndpointUrl = '$($script:server.Url)'; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
Revoke-CGIPToken 'some.refresh.token' -ClientId 'plain-client' @c -WhatIf
Disconnect-CGIPUserGlobalAdmin 'someone' -UserPoolId '$($script:poolId)' @c -WhatIf
'done'
"@
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $lines = @(& $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $lines | Should -Be @(
            'What if: Performing the operation "Revoke-CGIPToken (RevokeToken)" on target "plain-client".'
            "What if: Performing the operation `"Disconnect-CGIPUserGlobalAdmin (AdminUserGlobalSignOut)`" on target `"$($script:poolId)`"."
            'done')
    }
}

Describe 'Refresh and sign-out keep tokens and the client secret out of every stream, the display and $AWSHistory' -Tag NotUnderWine {
    It 'a refresh, a revocation and a global sign-out run with -Verbose -Debug show no token or client secret' {
        Set-AWSHistoryConfiguration -MaxCmdletHistory 20 -MaxServiceCallHistory 20 -RecordServiceRequests -IncludeSensitiveData:$false
        Clear-AWSHistory
        $first = Get-SignedIn 'loud' 'secret-client'
        $loud = @{ Verbose = $true; Debug = $true }
        $items = & {
            Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret @script:conn @loud
            Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret -Select * @script:conn @loud
            Revoke-CGIPToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret @script:conn @loud
            try { Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret @script:conn @loud } catch { $_ }
            Disconnect-CGIPUserGlobalAdmin loud -UserPoolId $script:poolId @script:conn @loud
        } *>&1
        $records = 'DebugRecord', 'VerboseRecord', 'WarningRecord', 'InformationRecord', 'ErrorRecord' | ForEach-Object { "System.Management.Automation.$_" }
        $outputs = @($items | Where-Object { $_.GetType().FullName -notin $records })
        $outputs.Count | Should -Be 2
        $errors = @($items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1 -Because 'the revoked token was refused'
        @($items | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterOrEqual 5
        $AWSHistory.LastServiceRequest | Should -Not -BeNullOrEmpty

        $secrets = @($script:clientSecret, $first.RefreshToken, $first.AccessToken, $first.IdToken) +
            @($outputs[0].AccessToken, $outputs[0].IdToken, $outputs[1].AuthenticationResult.AccessToken, $outputs[1].AuthenticationResult.IdToken)
        $texts = @($items | ForEach-Object { $_ | Out-String }) + @($errors | ForEach-Object { $_ | Format-List * -Force | Out-String }) +
            (ConvertTo-Json -InputObject @($AWSHistory) -Depth 8 -WarningAction SilentlyContinue)
        foreach ($text in $texts) {
            foreach ($secret in $secrets | Where-Object { $_ }) { $text.Contains($secret) | Should -BeFalse -Because "no secret may show in: $text" }
        }
        $outputs[0] | Out-String | Should -Match 'AccessToken\s*:\s*\*\*\* sensitive data redacted from host \*\*\*'
    }

    It '$AWSHistory keeps the refresh token and client secret only with -IncludeSensitiveData' {
        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        $first = Get-SignedIn 'hist' 'secret-client'
        $next = Get-CGIPTokensFromRefreshToken $first.RefreshToken -ClientId secret-client -ClientSecret $script:clientSecret @script:conn
        $AWSHistory.LastServiceRequest.RefreshToken | Should -Be $first.RefreshToken
        $AWSHistory.LastServiceRequest.ClientSecret | Should -Be $script:clientSecret
        $AWSHistory.LastServiceResponse.AuthenticationResult.AccessToken | Should -Be $next.AccessToken
    }
}

Describe 'The refresh and sign-out cmdlets have the AWS.Tools surface scripts rely on' {
    It '<Cmdlet> -<Parameter>: <Type>, position <Position>, mandatory <Mandatory>, from the pipeline by value <ByValue> and by property name' -ForEach $parameterCases {
        Assert-ParameterFact $Cmdlet $Parameter $Type $Position $Mandatory $ByValue -ByPropertyName $true
    }

    It '<Cmdlet>: ShouldProcess <ShouldProcess>, output <OutputType>, the AWS.Tools credential and region parameters' -ForEach $cmdletCases {
        $cmd = Get-Command $Cmdlet
        $attribute = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)
        $attribute.SupportsShouldProcess | Should -Be $ShouldProcess
        if ($ShouldProcess) { $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::Medium) }
        $cmd.Parameters.ContainsKey('WhatIf') | Should -Be $ShouldProcess
        $cmd.OutputType.Name | Should -Contain $OutputType
        foreach ($p in 'AccessKey', 'SecretKey', 'SessionToken', 'ProfileName', 'ProfileLocation', 'Region', 'EndpointUrl', 'Credential', 'NetworkCredential', 'ClientConfig') {
            $cmd.Parameters.Keys | Should -Contain $p
        }
    }

    It '<Cmdlet> -<Parameter> $null warns with the AWS.Tools text and still calls the service' -ForEach $nullCases -Tag NotUnderWine {
        $arguments = $Arguments.Clone()
        $arguments[$Parameter] = $null
        Clear-Requests
        $items = @(& { try { & $Cmdlet @arguments @script:conn } catch { $_ } } 3>&1)
        $items[0].Message | Should -BeExactly "You are passing `$null as a value for parameter $Parameter which is marked as required. In case you believe this parameter was incorrectly marked as required, report this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues."
        (Get-Requests).Count | Should -Be 1
    }

    It '<_> needs credentials and a region, as AWS.Tools does, and sends nothing without them' -ForEach @('Get-CGIPTokensFromRefreshToken', 'Revoke-CGIPToken', 'Disconnect-CGIPUserGlobalAdmin') -Tag NotUnderWine {
        $cmdlet = $_
        $arguments = @{
            'Get-CGIPTokensFromRefreshToken' = @{ RefreshToken = 'r.t'; ClientId = 'plain-client' }
            'Revoke-CGIPToken'               = @{ Token = 'r.t'; ClientId = 'plain-client' }
            'Disconnect-CGIPUserGlobalAdmin' = @{ Username = 'ghost'; UserPoolId = $script:poolId }
        }[$cmdlet]
        $saved = @{}
        foreach ($name in 'HOME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION',
            'AWS_DEFAULT_REGION', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name); Remove-Item "env:$name" -ErrorAction Ignore
        }
        $env:HOME = New-Item -ItemType Directory -Path (Join-Path $TestDrive "home-$cmdlet") -Force
        Clear-Requests
        try {
            $noKeys = { & $cmdlet @arguments -EndpointUrl $script:server.Url -Region us-east-1 } | Should -Throw -PassThru
            $noRegion = { & $cmdlet @arguments -EndpointUrl $script:server.Url -AccessKey AKIDTEST -SecretKey test-secret } | Should -Throw -PassThru
        } finally {
            # Removed, not set to '': a variable set empty still exists for the programs started later (moto's botocore reads AWS_PROFILE).
            foreach ($kv in $saved.GetEnumerator()) { if ($null -eq $kv.Value) { Remove-Item "env:$($kv.Key)" -ErrorAction Ignore } else { Set-Item "env:$($kv.Key)" $kv.Value } }
        }
        $noKeys.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        $noKeys.Exception | Should -BeOfType [System.InvalidOperationException]
        $noRegion.Exception.Message | Should -BeExactly 'No region specified or obtained from persisted/shell defaults.'
        Get-Requests | Should -BeNullOrEmpty
    }
}
