# Setting up and using a TOTP authenticator during an admin sign-in: MFA_SETUP in three lines
# (Start-CGIPAuthAdmin | Start-CGIPSoftwareTokenSetup | Complete-CGIPSoftwareTokenSetup), the same written AWS.Tools-style
# (Add-CGIPSoftwareToken | Test-CGIPSoftwareToken | Send-CGIPAuthChallengeResponseAdmin -ChallengeName MFA_SETUP), and
# SOFTWARE_TOKEN_MFA / SELECT_MFA_TYPE answered with -TotpSecret. Refresh, revocation and sign-out: SignOut.Tests.ps1.
#
# Against tests/fixtures/journey_server.py (a new Session at every step, SECRET_HASH checked for the name sent,
# EnableSoftwareTokenMFAException for a wrong code at VerifySoftwareToken, Sessions that expire on request; its
# --record file shows every request body) and against moto, whose MFA_SETUP only follows NEW_PASSWORD_REQUIRED, hands
# back the same Session from AssociateSoftwareToken, names no USER_ID_FOR_SRP and accepts only the code of the current
# 30-second step of one fixed secret (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, set by Start-MotoServer -CheckTotpCodes).
# The fixture's configs turn off its rejection of a TOTP step used twice, so that setting up and then signing in
# within one 30-second step is not refused (real Cognito would ask the user to wait for the next code).
BeforeDiscovery {
    # What AWS.Tools' generated cmdlets declare (aws-tools-for-powershell, Basic/<Cmdlet>-Cmdlet.cs, MODULAR), and the
    # module's own journey cmdlets as documented. Position $null: named.
    $script:parameterCases = @(
        @{ Cmdlet = 'Add-CGIPSoftwareToken'; Parameter = 'AccessToken'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Add-CGIPSoftwareToken'; Parameter = 'Session'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Add-CGIPSoftwareToken'; Parameter = 'Select'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Add-CGIPSoftwareToken'; Parameter = 'Force'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'UserCode'; Type = 'System.String'; Position = 0; Mandatory = $true; ByValue = $true; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'AccessToken'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'FriendlyDeviceName'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'Session'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'Select'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; Parameter = 'PassThru'; Type = 'System.Management.Automation.SwitchParameter'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Start-CGIPSoftwareTokenSetup'; Parameter = 'Session'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Start-CGIPSoftwareTokenSetup'; Parameter = 'ChallengeParameter'; Type = $null; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true; Aliases = @('ChallengeParameters') }
        @{ Cmdlet = 'Start-CGIPSoftwareTokenSetup'; Parameter = 'Username'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Start-CGIPSoftwareTokenSetup'; Parameter = 'Issuer'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $null }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; Parameter = 'ClientId'; Type = 'System.String'; Position = 0; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; Parameter = 'Username'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; Parameter = 'Session'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; Parameter = 'SecretCode'; Type = $null; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $true }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; Parameter = 'UserCode'; Type = 'System.String'; Position = $null; Mandatory = $false; ByValue = $false; ByPropertyName = $null }
    )
    $script:cmdletCases = @(
        @{ Cmdlet = 'Add-CGIPSoftwareToken'; ShouldProcess = $true; OutputType = 'Amazon.CognitoIdentityProvider.Model.AssociateSoftwareTokenResponse' }
        @{ Cmdlet = 'Test-CGIPSoftwareToken'; ShouldProcess = $false; OutputType = 'Amazon.CognitoIdentityProvider.Model.VerifySoftwareTokenResponse' }
        @{ Cmdlet = 'Complete-CGIPSoftwareTokenSetup'; ShouldProcess = $true; OutputType = 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse' }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:poolId = 'us-east-1_SignIn1'
    $script:clientSecret = 'signinsecret0123456789abcdefghijkl'
    $script:password = 'Journey-Passw0rd!'

    # A journey_server.py pool: MFA required, TOTP offered; a plain client and one with a secret; the users named.
    function script:Start-JourneyServer([object[]] $Users) {
        $name = [guid]::NewGuid().ToString('n')
        $config = Join-Path $TestDrive "journey-$name.json"
        $record = Join-Path $TestDrive "journey-$name.jsonl"
        ConvertTo-Json -Depth 10 -InputObject @{
            poolId = $script:poolId; mfa = 'ON'; enabledMfas = @('SOFTWARE_TOKEN_MFA'); rejectReusedTotpCodes = $false
            clients = @(@{ id = 'plain-client' }, @{ id = 'secret-client'; secret = $script:clientSecret })
            users = @($Users | ForEach-Object { if ($_ -is [string]) { @{ username = $_; password = $script:password } } else { $_ } })
        } | Set-Content -Path $config -Encoding utf8
        Start-LoopbackFixture 'journey_server.py' $config '--record' $record | Add-Member -PassThru RecordFile $record
    }
    function script:Get-JourneyRequest($Server) {
        if (-not (Test-Path $Server.RecordFile)) { return , @() }
        , @(Get-Content $Server.RecordFile | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json -AsHashtable })
    }
    function script:Clear-JourneyRecord($Server) { Remove-Item $Server.RecordFile -ErrorAction Ignore }

    function script:Start-SignIn($Server, [string] $UserName, [string] $ClientId = 'plain-client') {
        $connection = Get-TestConnection $Server
        Start-CGIPAuthAdmin $ClientId -UserPoolId $script:poolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $UserName; PASSWORD = $script:password } @connection
    }
    function script:ConvertTo-PlainText([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

    function script:Assert-TokensIssued($Response) {
        $Response | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse'
        $Response.ChallengeName | Should -BeNullOrEmpty
        $Response.AuthenticationResult.TokenType | Should -Be 'Bearer'
        foreach ($token in 'AccessToken', 'IdToken', 'RefreshToken') { $Response.AuthenticationResult.$token | Should -Not -BeNullOrEmpty }
    }



    # A 6-digit code that is none of the secret's codes around now (the fixture accepts one step either side).
    function script:Get-WrongCode($Secret) {
        $now = [DateTimeOffset]::UtcNow
        $near = foreach ($s in -30, 0, 30, 60) { Get-CGIPTotpCode -Secret $Secret -Time $now.AddSeconds($s) }
        '000000', '111111', '222222', '333333' | Where-Object { $_ -notin $near } | Select-Object -First 1
    }

    # moto accepts only the current step's code: when the module computes the code itself, start early enough in a step.
    function script:Wait-TotpStepRoom([int] $Seconds = 4) {
        $left = 30 - ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0) % 30
        if ($left -lt $Seconds) { Start-Sleep -Milliseconds ([int](($left + 0.2) * 1000)) }
    }
}

Describe 'MFA_SETUP in three lines ends in tokens (Cognito-like pool, a new Session at every step)' -Tag NotUnderWine {
    BeforeAll {
        $script:server = Start-JourneyServer @('newbie', 'issuer', 'dave', 'erin', 'gina', 'passthru', 'selectuser',
            @{ username = 'carol'; password = $script:password; email = 'carol@example.com' })
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'Start-CGIPAuthAdmin | Start-CGIPSoftwareTokenSetup | Complete-CGIPSoftwareTokenSetup: each step sends the Session the previous one returned' {
        Clear-JourneyRecord $script:server
        $r = Start-SignIn $script:server 'newbie'
        $r.ChallengeName.Value | Should -BeExactly 'MFA_SETUP'
        $setup = $r | Start-CGIPSoftwareTokenSetup @script:conn
        $setup.PSObject.TypeNames[0] | Should -Be 'CognitoAdminAuth.SoftwareTokenSetup'
        $setup.Username | Should -Be 'newbie' -Because 'it defaults to the challenge''s USER_ID_FOR_SRP'
        $setup.SecretCode | Should -BeOfType [securestring]
        $setup.OtpAuthUri | Should -BeOfType [securestring]
        $setup.Session | Should -BeOfType [string]
        $setup.Session | Should -Not -Be $r.Session -Because 'AssociateSoftwareToken hands back a new Session'
        $t = $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn
        Assert-TokensIssued $t

        $requests = Get-JourneyRequest $script:server
        $requests.operation | Should -Be @('AdminInitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'AdminRespondToAuthChallenge')
        $requests[1].body.Session | Should -Be $r.Session
        $requests[2].body.Session | Should -Be $setup.Session
        $requests[2].body.UserCode | Should -Match '^\d{6}$' -Because 'the code is computed from the piped SecretCode'
        $requests[3].body.ChallengeName | Should -Be 'MFA_SETUP'
        $requests[3].body.ChallengeResponses.USERNAME | Should -Be 'newbie'
        $requests[3].body.Session | Should -Not -BeIn @($r.Session, $setup.Session) -Because 'MFA_SETUP is answered with VerifySoftwareToken''s Session'
    }

    It 'hands the secret out as an otpauth:// URI an authenticator app reads, with -Issuer and -Username as given' {
        $r = Start-SignIn $script:server 'issuer'
        $default = $r | Start-CGIPSoftwareTokenSetup @script:conn
        $secret = ConvertTo-PlainText $default.SecretCode
        $secret | Should -Match '^[A-Z2-7]{16,}$'
        ConvertTo-PlainText $default.OtpAuthUri |
            Should -BeExactly "otpauth://totp/Amazon%20Cognito:issuer?secret=$secret&issuer=Amazon%20Cognito&algorithm=SHA1&digits=6&period=30"
        # The spent MFA_SETUP Session cannot start another setup: sign in again for the second.
        $named = Start-SignIn $script:server 'issuer' | Start-CGIPSoftwareTokenSetup -Issuer 'Contoso' -Username 'issuer' @script:conn
        $other = ConvertTo-PlainText $named.SecretCode
        ConvertTo-PlainText $named.OtpAuthUri |
            Should -BeExactly "otpauth://totp/Contoso:issuer?secret=$other&issuer=Contoso&algorithm=SHA1&digits=6&period=30"
    }

    It 'works with a client secret for a user who signs in by e-mail alias: SECRET_HASH is for the real user name' {
        Clear-JourneyRecord $script:server
        $secure = ConvertTo-SecureString $script:clientSecret -AsPlainText -Force
        $r = Start-CGIPAuthAdmin secret-client -UserPoolId $script:poolId -AuthFlow ADMIN_USER_PASSWORD_AUTH -ClientSecret $secure `
            -AuthParameter @{ USERNAME = 'carol@example.com'; PASSWORD = $script:password } @script:conn
        $setup = $r | Start-CGIPSoftwareTokenSetup @script:conn
        $setup.Username | Should -Be 'carol'
        # The fixture refuses a SECRET_HASH computed for the alias with NotAuthorizedException.
        # A code read off the app, and a device name, are sent as given.
        $code = Get-CGIPTotpCode $setup.SecretCode
        $t = $setup | Complete-CGIPSoftwareTokenSetup secret-client -UserPoolId $script:poolId -ClientSecret $secure -UserCode $code -FriendlyDeviceName 'laptop' @script:conn
        Assert-TokensIssued $t
        $verify = (Get-JourneyRequest $script:server)[-2]
        $verify.body.UserCode | Should -Be $code
        $verify.body.FriendlyDeviceName | Should -Be 'laptop'
        $answer = (Get-JourneyRequest $script:server)[-1]
        $answer.body.ChallengeResponses.USERNAME | Should -Be 'carol'
        $answer.body.ChallengeResponses.SECRET_HASH | Should -Be (Get-CognitoSecretHash -ClientId secret-client -ClientSecret $script:clientSecret -UserName carol)
        Get-Content $script:server.RecordFile -Raw | Should -Not -Match ([regex]::Escape($script:clientSecret)) -Because 'the client secret itself is never sent'
    }

    It 'works written AWS.Tools-style: Add-CGIPSoftwareToken | Test-CGIPSoftwareToken -UserCode | Send-CGIPAuthChallengeResponseAdmin -ChallengeName MFA_SETUP' {
        $r = Start-SignIn $script:server 'dave'
        $a = $r | Add-CGIPSoftwareToken @script:conn
        $a | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AssociateSoftwareTokenResponse'
        $a.SecretCode | Should -Match '^[A-Z2-7]{16,}$'
        $v = $a | Test-CGIPSoftwareToken -UserCode (Get-CGIPTotpCode $a.SecretCode) -FriendlyDeviceName 'phone' @script:conn
        $v | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.VerifySoftwareTokenResponse'
        $v.Status | Should -BeOfType 'Amazon.CognitoIdentityProvider.VerifySoftwareTokenResponseType'
        $v.Status.Value | Should -BeExactly 'SUCCESS'
        $v.Session | Should -Not -BeIn @($r.Session, $a.Session)
        $t = $v | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId -ChallengeName MFA_SETUP `
            -ChallengeResponse @{ USERNAME = 'dave' } @script:conn
        Assert-TokensIssued $t
    }

    It 'Test-CGIPSoftwareToken -PassThru outputs the UserCode and -Select Status the status, as AWS.Tools V4 does' {
        $a = Start-SignIn $script:server 'passthru' | Add-CGIPSoftwareToken @script:conn
        $code = Get-CGIPTotpCode $a.SecretCode
        $a | Test-CGIPSoftwareToken -UserCode $code -PassThru @script:conn | Should -BeExactly $code
        $b = Start-SignIn $script:server 'selectuser' | Add-CGIPSoftwareToken @script:conn
        $status = $b | Test-CGIPSoftwareToken -UserCode (Get-CGIPTotpCode $b.SecretCode) -Select Status @script:conn
        "$status" | Should -BeExactly 'SUCCESS'
    }

    It 'answers the SOFTWARE_TOKEN_MFA of a later sign-in in one line with -TotpSecret, which is never sent' {
        $setup = Start-SignIn $script:server 'erin' | Start-CGIPSoftwareTokenSetup @script:conn
        Assert-TokensIssued ($setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn)
        Clear-JourneyRecord $script:server

        $t = Start-SignIn $script:server 'erin' |
            Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId -TotpSecret $setup.SecretCode -ChallengeResponse @{ USERNAME = 'erin' } @script:conn
        Assert-TokensIssued $t
        $requests = Get-JourneyRequest $script:server
        $requests[1].body.ChallengeName | Should -Be 'SOFTWARE_TOKEN_MFA'
        $requests[1].body.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE | Should -Match '^\d{6}$'
        Get-Content $script:server.RecordFile -Raw | Should -Not -Match (ConvertTo-PlainText $setup.SecretCode)
    }

    It 'adds an authenticator for a signed-in user with -AccessToken: VerifySoftwareToken only, its response output' {
        $setup = Start-SignIn $script:server 'gina' | Start-CGIPSoftwareTokenSetup @script:conn
        $tokens = ($setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn).AuthenticationResult
        Clear-JourneyRecord $script:server

        $second = Start-CGIPSoftwareTokenSetup -AccessToken $tokens.AccessToken -Username 'gina' @script:conn
        $second.Session | Should -BeNullOrEmpty
        $v = $second | Complete-CGIPSoftwareTokenSetup -AccessToken $tokens.AccessToken @script:conn
        $v | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.VerifySoftwareTokenResponse'
        $v.Status.Value | Should -BeExactly 'SUCCESS'
        (Get-JourneyRequest $script:server).operation | Should -Be @('AssociateSoftwareToken', 'VerifySoftwareToken')
    }
}

Describe 'MFA_SETUP in three lines ends in tokens (moto)' -Tag NotUnderWine {
    BeforeAll {
        $script:moto = Start-MotoServer -CheckTotpCodes
        $script:motoConn = Get-TestConnection $script:moto
    }
    AfterAll { Stop-TestServer $script:moto }

    It 'goes NEW_PASSWORD_REQUIRED -> MFA_SETUP -> tokens, and once TOTP is preferred a sign-in is answered with -TotpSecret' {
        $pool = New-TestUserPool $script:moto -UserName 'moto-mfa' -Temporary
        Invoke-CognitoApi $script:moto SetUserPoolMfaConfig @{
            UserPoolId = $pool.UserPoolId; MfaConfiguration = 'ON'; SoftwareTokenMfaConfiguration = @{ Enabled = $true }
        } | Out-Null
        $signIn = Get-TestSignIn $pool
        $first = Start-CGIPAuthAdmin @signIn @script:motoConn
        $r = $first | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
            -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = 'Fresh-Passw0rd-7q!' } @script:motoConn
        $r.ChallengeName.Value | Should -BeExactly 'MFA_SETUP'

        # moto's challenge names no USER_ID_FOR_SRP: the user is given.
        $setup = $r | Start-CGIPSoftwareTokenSetup -Username $pool.UserName @script:motoConn
        $setup.Username | Should -Be $pool.UserName
        Wait-TotpStepRoom
        $t = $setup | Complete-CGIPSoftwareTokenSetup $pool.ClientId -UserPoolId $pool.UserPoolId @script:motoConn
        Assert-TokensIssued $t

        Invoke-CognitoApi $script:moto AdminSetUserMFAPreference @{
            UserPoolId = $pool.UserPoolId; Username = $pool.UserName; SoftwareTokenMfaSettings = @{ Enabled = $true; PreferredMfa = $true }
        } | Out-Null
        $challenge = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = 'Fresh-Passw0rd-7q!' } @script:motoConn
        $challenge.ChallengeName.Value | Should -BeExactly 'SOFTWARE_TOKEN_MFA'
        Wait-TotpStepRoom
        Assert-TokensIssued ($challenge | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
                -TotpSecret $setup.SecretCode -ChallengeResponse @{ USERNAME = $pool.UserName } @script:motoConn)
    }
}

Describe 'SOFTWARE_TOKEN_MFA and SELECT_MFA_TYPE answered with -TotpSecret' -Tag NotUnderWine {
    BeforeAll {
        $script:boSecret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'
        $script:server = Start-JourneyServer @(
            @{ username = 'bo'; password = $script:password; totpSecret = $script:boSecret; sms = $true; smsCode = '246810' }
            @{ username = 'tess'; password = $script:password; totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'answers SELECT_MFA_TYPE with SOFTWARE_TOKEN_MFA, then the SOFTWARE_TOKEN_MFA that follows, piped again with the same secret' {
        Clear-JourneyRecord $script:server
        $choice = Start-SignIn $script:server 'bo'
        $choice.ChallengeName.Value | Should -BeExactly 'SELECT_MFA_TYPE'
        $answer = @{ ClientId = 'plain-client'; UserPoolId = $script:poolId; TotpSecret = $script:boSecret; ChallengeResponse = @{ USERNAME = 'bo' } }
        $next = $choice | Send-CGIPAuthChallengeResponseAdmin @answer @script:conn
        $next.ChallengeName.Value | Should -BeExactly 'SOFTWARE_TOKEN_MFA'
        Assert-TokensIssued ($next | Send-CGIPAuthChallengeResponseAdmin @answer @script:conn)

        $requests = Get-JourneyRequest $script:server
        $requests[1].body.ChallengeResponses.ANSWER | Should -Be 'SOFTWARE_TOKEN_MFA'
        $requests[1].body.ChallengeResponses.Keys | Should -Not -Contain 'SOFTWARE_TOKEN_MFA_CODE'
        $requests[2].body.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE | Should -Match '^\d{6}$'
        Get-Content $script:server.RecordFile -Raw | Should -Not -Match $script:boSecret
    }

    It 'leaves an ANSWER the caller gave alone' {
        $next = Start-SignIn $script:server 'bo' | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId `
            -TotpSecret $script:boSecret -ChallengeResponse @{ USERNAME = 'bo'; ANSWER = 'SMS_MFA' } @script:conn
        $next.ChallengeName.Value | Should -BeExactly 'SMS_MFA'
    }

    It 'fails with a terminating CodeMismatchException for a wrong code, whether given or computed from another secret' {
        $challenge = Start-SignIn $script:server 'tess'
        $challenge.ChallengeName.Value | Should -BeExactly 'SOFTWARE_TOKEN_MFA'
        $wrong = Get-WrongCode 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
        # The caller's own code wins over -TotpSecret.
        $err = { $challenge | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId -TotpSecret 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' `
                -ChallengeResponse @{ USERNAME = 'tess'; SOFTWARE_TOKEN_MFA_CODE = $wrong } -ErrorAction SilentlyContinue @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'CodeMismatchException'
        $err.FullyQualifiedErrorId | Should -Be 'Amazon.CognitoIdentityProvider.Model.CodeMismatchException,Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet'
        # The Session survives a wrong code; a secret that is not the user's gives a wrong code too.
        $err = { $challenge | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId -TotpSecret $script:boSecret `
                -ChallengeResponse @{ USERNAME = 'tess' } @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'CodeMismatchException'
        Assert-NoSecretInError $err @($script:boSecret, $challenge.Session)
    }
}

Describe 'A failed MFA_SETUP step stops there, with the service error AWS.Tools gives' -Tag NotUnderWine {
    BeforeAll {
        $script:server = Start-JourneyServer @('wrong', 'late1', 'late2', 'reuse', 'nocode', 'whatif', 'awswrong')
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'a wrong code fails at VerifySoftwareToken with EnableSoftwareTokenMFAException and nothing else is sent' {
        $setup = Start-SignIn $script:server 'wrong' | Start-CGIPSoftwareTokenSetup @script:conn
        Clear-JourneyRecord $script:server
        $err = { $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId -UserCode (Get-WrongCode $setup.SecretCode) `
                -ErrorAction SilentlyContinue @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'EnableSoftwareTokenMFAException'
        (Get-JourneyRequest $script:server).operation | Should -Be @('VerifySoftwareToken') -Because 'no AdminRespondToAuthChallenge follows a failed verification'
        Assert-NoSecretInError $err @((ConvertTo-PlainText $setup.SecretCode), $setup.Session, $script:password)
    }

    It 'Test-CGIPSoftwareToken reports a wrong code as EnableSoftwareTokenMFAException' {
        $a = Start-SignIn $script:server 'awswrong' | Add-CGIPSoftwareToken @script:conn
        $err = { $a | Test-CGIPSoftwareToken -UserCode (Get-WrongCode $a.SecretCode) @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'EnableSoftwareTokenMFAException'
        $err.FullyQualifiedErrorId | Should -Be 'Amazon.CognitoIdentityProvider.Model.EnableSoftwareTokenMFAException,Amazon.PowerShell.Cmdlets.CGIP.TestCGIPSoftwareTokenCmdlet'
        Assert-NoSecretInError $err @($a.SecretCode, $a.Session)
    }

    It 'an expired Session fails with NotAuthorizedException <When>' -ForEach @(
        @{ When = 'at Start-CGIPSoftwareTokenSetup'; User = 'late1'; ExpireBefore = 'Start' }
        @{ When = 'at Complete-CGIPSoftwareTokenSetup'; User = 'late2'; ExpireBefore = 'Complete' }
    ) {
        $r = Start-SignIn $script:server $User
        $fixture = "$($script:server.Url)/_fixture/expire-sessions"
        if ($ExpireBefore -eq 'Start') {
            Invoke-RestMethod -Method Post -Uri $fixture | Out-Null
            $err = { $r | Start-CGIPSoftwareTokenSetup @script:conn } | Should -Throw -PassThru
            $session = $r.Session
        } else {
            $setup = $r | Start-CGIPSoftwareTokenSetup @script:conn
            Invoke-RestMethod -Method Post -Uri $fixture | Out-Null
            $err = { $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn } | Should -Throw -PassThru
            $session = $setup.Session
        }
        Assert-ServiceError $err 'NotAuthorizedException'
        Assert-NoSecretInError $err @($session)
    }

    It 'a Session used once fails with NotAuthorizedException the second time' {
        $setup = Start-SignIn $script:server 'reuse' | Start-CGIPSoftwareTokenSetup @script:conn
        Assert-TokensIssued ($setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn)
        $err = { $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'NotAuthorizedException'
        Assert-NoSecretInError $err @($setup.Session, (ConvertTo-PlainText $setup.SecretCode))
    }

    It 'Complete-CGIPSoftwareTokenSetup without -UserCode and without a SecretCode stops with a clear error before any request' {
        $setup = Start-SignIn $script:server 'nocode' | Start-CGIPSoftwareTokenSetup @script:conn
        Clear-JourneyRecord $script:server
        $err = { Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId -Username 'nocode' -Session $setup.Session `
                -ErrorAction SilentlyContinue @script:conn } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match 'UserCode'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-JourneyRequest $script:server | Should -BeNullOrEmpty
        Assert-NoSecretInError $err @($setup.Session)
    }

    It 'Complete-CGIPSoftwareTokenSetup -WhatIf and Add-CGIPSoftwareToken -WhatIf send nothing and output nothing' {
        $r = Start-SignIn $script:server 'whatif'
        $setup = $r | Start-CGIPSoftwareTokenSetup @script:conn
        Clear-JourneyRecord $script:server
        $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId -WhatIf @script:conn | Should -BeNullOrEmpty
        Add-CGIPSoftwareToken -Session $setup.Session -WhatIf @script:conn | Should -BeNullOrEmpty
        Get-JourneyRequest $script:server | Should -BeNullOrEmpty
        # Control: the setup is still open.
        Assert-TokensIssued ($setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn)
    }
}

Describe 'Secrets stay out of every stream, the display, $AWSHistory and errors' -Tag NotUnderWine {
    BeforeAll {
        $script:server = Start-JourneyServer @('quiet1', 'quiet2', 'histuser')
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll {
        Set-AWSHistoryConfiguration -RecordServiceRequests:$false -IncludeSensitiveData:$false
        Stop-TestServer $script:server
    }

    It 'a whole journey run with -Verbose -Debug shows no password, TOTP secret, Session or token, in any stream or default display, nor in $AWSHistory' {
        Set-AWSHistoryConfiguration -MaxCmdletHistory 20 -MaxServiceCallHistory 20 -RecordServiceRequests -IncludeSensitiveData:$false
        Clear-AWSHistory
        $loud = @{ Verbose = $true; Debug = $true }
        $items = & {
            $r = Start-SignIn $script:server 'quiet1'; $r
            $setup = $r | Start-CGIPSoftwareTokenSetup @script:conn @loud; $setup
            $t = $setup | Complete-CGIPSoftwareTokenSetup plain-client -UserPoolId $script:poolId @script:conn @loud; $t
            Start-SignIn $script:server 'quiet1' | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId `
                -TotpSecret $setup.SecretCode -ChallengeResponse @{ USERNAME = 'quiet1' } @script:conn @loud
            $a = Start-SignIn $script:server 'quiet2' | Add-CGIPSoftwareToken @script:conn @loud; $a
            $v = $a | Test-CGIPSoftwareToken -UserCode (Get-CGIPTotpCode $a.SecretCode) @script:conn @loud; $v
            $v | Send-CGIPAuthChallengeResponseAdmin plain-client -UserPoolId $script:poolId -ChallengeName MFA_SETUP `
                -ChallengeResponse @{ USERNAME = 'quiet2' } @script:conn @loud
        } *>&1
        $records = 'DebugRecord', 'VerboseRecord', 'WarningRecord', 'InformationRecord', 'ErrorRecord' | ForEach-Object { "System.Management.Automation.$_" }
        $outputs = @($items | Where-Object { $_.GetType().FullName -notin $records })
        $streams = @($items | Where-Object { $_.GetType().FullName -in $records })
        @($items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($streams | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 5
        @($streams | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        $outputs.Count | Should -Be 7

        # Every secret the journey handled: from the outputs, and every Session that went over the wire.
        $setupOut = $outputs | Where-Object { $_.PSObject.TypeNames -contains 'CognitoAdminAuth.SoftwareTokenSetup' }
        $secrets = [System.Collections.Generic.List[string]]::new()
        $secrets.Add($script:password)
        $secrets.Add((ConvertTo-PlainText $setupOut.SecretCode)); $secrets.Add((ConvertTo-PlainText $setupOut.OtpAuthUri))
        foreach ($o in $outputs) {
            foreach ($name in 'Session', 'SecretCode') { if ($o.PSObject.Properties[$name] -and $o.$name -is [string]) { $secrets.Add($o.$name) } }
            if ($o.PSObject.Properties['AuthenticationResult'] -and $o.AuthenticationResult) {
                foreach ($token in 'AccessToken', 'IdToken', 'RefreshToken') { $secrets.Add($o.AuthenticationResult.$token) }
            }
        }
        foreach ($request in Get-JourneyRequest $script:server) { if ($request.body.Session) { $secrets.Add($request.body.Session) } }
        $secrets = @($secrets | Where-Object { $_ } | Sort-Object -Unique)
        $secrets.Count | Should -BeGreaterThan 12

        $texts = @($streams | ForEach-Object { $_ | Out-String }) + @($outputs | ForEach-Object { $_ | Out-String }) +
            (ConvertTo-Json -InputObject @($AWSHistory) -Depth 8 -WarningAction SilentlyContinue)
        foreach ($text in $texts) {
            foreach ($secret in $secrets) { $text.Contains($secret) | Should -BeFalse -Because "no secret may show in: $text" }
        }
        ($outputs | Where-Object { $_ -is [Amazon.CognitoIdentityProvider.Model.AssociateSoftwareTokenResponse] } | Out-String) |
            Should -Match 'SecretCode\s*:\s*\*\*\* sensitive data redacted from host \*\*\*'
    }

    It '$AWSHistory keeps the TOTP secret and Sessions only with -IncludeSensitiveData' {
        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        $r = Start-SignIn $script:server 'histuser'
        $a = $r | Add-CGIPSoftwareToken @script:conn
        $AWSHistory.LastServiceResponse.SecretCode | Should -Be $a.SecretCode
        $AWSHistory.LastServiceRequest.Session | Should -Be $r.Session
    }
}

Describe 'The AWS.Tools and journey cmdlets have the surface scripts rely on' {
    It '<Cmdlet> -<Parameter>: <Type>, position <Position>, mandatory <Mandatory>, from the pipeline by value <ByValue> and by property name <ByPropertyName>' -ForEach $parameterCases {
        Assert-ParameterFact $Cmdlet $Parameter $Type $Position $Mandatory $ByValue $ByPropertyName $Aliases
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

    It 'Add-CGIPSoftwareToken -WhatIf names the operation and an empty target, as AWS.Tools does (no secret as the target)' -Tag NotUnderWine {
        $script = "Import-Module '$env:CGIP_TEST_MODULE'; Add-CGIPSoftwareToken -Session ('s' * 40) -EndpointUrl http://127.0.0.1:9 -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret -WhatIf; 'done'"
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $lines = @(& $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $lines | Should -Be @('What if: Performing the operation "Add-CGIPSoftwareToken (AssociateSoftwareToken)" on target "".', 'done')
    }

    It 'Test-CGIPSoftwareToken -UserCode $null warns as AWS.Tools does and still calls the service' -Tag NotUnderWine {
        $server = Start-JourneyServer @()
        $connection = Get-TestConnection $server
        try {
            $items = @(& { try { Test-CGIPSoftwareToken -UserCode $null -Session ('s' * 40) @connection } catch { $_ } } 3>&1)
        } finally { Stop-TestServer $server }
        $items[0].Message | Should -BeExactly 'You are passing $null as a value for parameter UserCode which is marked as required. In case you believe this parameter was incorrectly marked as required, report this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues.'
        Assert-ServiceError $items[-1] 'NotAuthorizedException'
    }

    It '<_> needs credentials and a region, as AWS.Tools does, and sends nothing without them' -ForEach @('Add-CGIPSoftwareToken', 'Test-CGIPSoftwareToken') -Tag NotUnderWine {
        $cmdlet = $_
        $saved = @{}
        foreach ($name in 'HOME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION',
            'AWS_DEFAULT_REGION', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name); Remove-Item "env:$name" -ErrorAction Ignore
        }
        $env:HOME = New-Item -ItemType Directory -Path (Join-Path $TestDrive "home-$cmdlet") -Force
        $server = Start-JourneyServer @()
        try {
            $arguments = @{ Session = 's' * 40; EndpointUrl = $server.Url }
            if ($cmdlet -eq 'Test-CGIPSoftwareToken') { $arguments.UserCode = '123456' }
            $noKeys = { & $cmdlet @arguments -Region us-east-1 } | Should -Throw -PassThru
            $noRegion = { & $cmdlet @arguments -AccessKey AKIDTEST -SecretKey test-secret } | Should -Throw -PassThru
            $sent = Get-JourneyRequest $server
        } finally {
            Stop-TestServer $server
            # Removed, not set to '': a variable set empty still exists for the programs started later (moto's botocore reads AWS_PROFILE).
            foreach ($kv in $saved.GetEnumerator()) { if ($null -eq $kv.Value) { Remove-Item "env:$($kv.Key)" -ErrorAction Ignore } else { Set-Item "env:$($kv.Key)" $kv.Value } }
        }
        $noKeys.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        $noKeys.Exception | Should -BeOfType [System.InvalidOperationException]
        $noRegion.Exception.Message | Should -BeExactly 'No region specified or obtained from persisted/shell defaults.'
        $sent | Should -BeNullOrEmpty
    }
}
