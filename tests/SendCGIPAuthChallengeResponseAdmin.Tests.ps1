# Send-CGIPAuthChallengeResponseAdmin (AdminRespondToAuthChallenge) against a real Cognito emulator (moto) on
# loopback: every challenge moto can put in front of an admin sign-in, answered end to end, plus the error shapes
# scripts catch.
#
# What moto (5.2.x, moto/cognitoidp/models.py) really does, and so what these tests can assert:
# * AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH) returns NEW_PASSWORD_REQUIRED for a user in
#   FORCE_CHANGE_PASSWORD or RESET_REQUIRED, SOFTWARE_TOKEN_MFA when TOTP is enabled and preferred, SMS_MFA when SMS
#   MFA is enabled and preferred; always with empty ChallengeParameters (real Cognito sends USER_ID_FOR_SRP,
#   requiredAttributes, userAttributes).
# * Answering NEW_PASSWORD_REQUIRED in a pool with MfaConfiguration ON and no MFA set up yet gives MFA_SETUP on the
#   same session. InitiateAuth (the public API) with USER_SRP_AUTH gives PASSWORD_VERIFIER, which the admin respond
#   API accepts; moto does not check the SRP signature.
# * moto never compares the ChallengeName with the challenge it issued for the session; it dispatches on the name.
# * TOTP codes are checked only when the server runs with MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true (set below),
#   against one fixed secret for every user, current 30-second step only. SMS codes are never checked.
# * An unknown, garbled or already answered session is ResourceNotFoundException (real Cognito: NotAuthorizedException
#   "Invalid session for the user"). The tests assert the code moto sends, which is what the module must surface.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:server = Start-MotoServer -CheckTotpCodes
    $script:conn = Get-TestConnection $script:server
    $script:cmdletClass = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet'
    $script:newPassword = 'Fresh-Passw0rd-7q!'

    function Invoke-AdminSignIn($Pool, [string] $Password = $Pool.Password) {
        Start-CGIPAuthAdmin $Pool.ClientId -UserPoolId $Pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $Pool.UserName; PASSWORD = $Password } @script:conn
    }

    function Assert-TokensIssued($Response) {
        $Response | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse'
        $Response.ChallengeName | Should -BeNullOrEmpty
        $Response.Session | Should -BeNullOrEmpty
        $Response.AuthenticationResult.TokenType | Should -Be 'Bearer'
        $Response.AuthenticationResult.ExpiresIn | Should -BeGreaterThan 0
        foreach ($token in 'AccessToken', 'IdToken', 'RefreshToken') {
            $Response.AuthenticationResult.$token | Should -Not -BeNullOrEmpty
        }
        $Response.AuthenticationResult.AccessToken.Split('.').Count | Should -Be 3
    }

    # AWS.Tools' service-error shape: terminating InvalidOperationException carrying the typed SDK exception.
    function Assert-ServiceError($ErrorRecord, [string] $Code) {
        $type = "Amazon.CognitoIdentityProvider.Model.$Code"
        $ErrorRecord.FullyQualifiedErrorId | Should -Be "$type,$script:cmdletClass"
        $ErrorRecord.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $ErrorRecord.Exception | Should -BeOfType 'System.InvalidOperationException'
        $ErrorRecord.Exception.InnerException.GetType().FullName | Should -Be $type
        $ErrorRecord.Exception.InnerException.ErrorCode | Should -Be $Code
    }

    # A user with TOTP registered and preferred, the way a real app does it: sign in, AssociateSoftwareToken with
    # the access token, VerifySoftwareToken with a code, then make TOTP the preferred MFA.
    function New-TotpUser([string] $UserName) {
        $pool = New-TestUserPool $script:server -UserName $UserName
        $first = Invoke-AdminSignIn $pool
        $secret = (Invoke-CognitoApi $script:server AssociateSoftwareToken @{ AccessToken = $first.AuthenticationResult.AccessToken }).SecretCode
        $verify = @{ AccessToken = $first.AuthenticationResult.AccessToken; UserCode = (Get-TotpCode $secret); FriendlyDeviceName = 'phone' }
        (Invoke-CognitoApi $script:server VerifySoftwareToken $verify).Status | Should -Be 'SUCCESS'
        Invoke-CognitoApi $script:server AdminSetUserMFAPreference @{
            UserPoolId = $pool.UserPoolId; Username = $pool.UserName
            SoftwareTokenMfaSettings = @{ Enabled = $true; PreferredMfa = $true }
        } | Out-Null
        $pool | Add-Member -NotePropertyName TotpSecret -NotePropertyValue $secret -PassThru
    }

    function Set-SmsMfaPreferred($Pool) {
        Invoke-CognitoApi $script:server AdminSetUserMFAPreference @{
            UserPoolId = $Pool.UserPoolId; Username = $Pool.UserName; SMSMfaSettings = @{ Enabled = $true; PreferredMfa = $true }
        } | Out-Null
    }
}

AfterAll {
    Stop-TestServer $script:server
}

Describe 'Send-CGIPAuthChallengeResponseAdmin answers NEW_PASSWORD_REQUIRED' {
    It 'sets the new password for an admin-created user, returns tokens, and the new password then signs in directly' {
        $pool = New-TestUserPool $script:server -UserName 'first-login' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $challenge.ChallengeName | Should -BeOfType 'Amazon.CognitoIdentityProvider.ChallengeNameType'
        $challenge.ChallengeName.Value | Should -BeExactly 'NEW_PASSWORD_REQUIRED'
        $challenge.Session | Should -Not -BeNullOrEmpty
        # moto sends an empty ChallengeParameters map here (no USER_ID_FOR_SRP/userAttributes); it must still
        # arrive as a dictionary, not $null.
        , $challenge.ChallengeParameters | Should -BeOfType 'System.Collections.Generic.Dictionary[string,string]'

        $r = Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
            -Session $challenge.Session -ChallengeResponse @{
                USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword; 'userAttributes.email' = 'first-login@example.com'
            } @script:conn
        Assert-TokensIssued $r

        (Invoke-AdminSignIn $pool -Password $script:newPassword).AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        $old = { Invoke-AdminSignIn $pool } | Should -Throw -PassThru
        $old.Exception.InnerException.ErrorCode | Should -Be 'NotAuthorizedException'
    }

    It 'binds ChallengeName and Session by property name from a piped Start-CGIPAuthAdmin response' {
        $pool = New-TestUserPool $script:server -UserName 'piped' -Temporary
        $r = Invoke-AdminSignIn $pool |
            Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
                -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn
        Assert-TokensIssued $r
        (Invoke-AdminSignIn $pool -Password $script:newPassword).AuthenticationResult | Should -Not -BeNullOrEmpty
    }

    It 'accepts the challenge name in lower case and sends the canonical upper-case name' {
        # moto dispatches on the exact string 'NEW_PASSWORD_REQUIRED' (anything else gets an empty reply), so tokens
        # coming back prove the wire value was normalised.
        # As with the SDK's ConstantClass, the value keeps the text it was built from and writes out the canonical name.
        "$([Amazon.CognitoIdentityProvider.ChallengeNameType] 'new_password_required')" | Should -BeExactly 'NEW_PASSWORD_REQUIRED'
        $pool = New-TestUserPool $script:server -UserName 'lowercase' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $r = Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName new_password_required `
            -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn
        Assert-TokensIssued $r
    }

    It 'refuses a new password that breaks the pool policy with InvalidPasswordException, without echoing it' {
        $pool = New-TestUserPool $script:server -UserName 'weak' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $weak = 'onlylowercase-zqx'
        $err = { Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
                -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $weak } @script:conn } |
            Should -Throw -PassThru
        Assert-ServiceError $err 'InvalidPasswordException'
        $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($weak))
        # The rejected answer leaves the challenge open: the same session still takes a good password.
        $r = Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
            -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn
        Assert-TokensIssued $r
    }
}

Describe 'Send-CGIPAuthChallengeResponseAdmin answers SOFTWARE_TOKEN_MFA' -Tag NotUnderWine {
    BeforeAll {
        $script:totpUser = New-TotpUser 'totp-user'
    }

    It 'returns tokens for the current TOTP code of the registered secret' {
        $challenge = Invoke-AdminSignIn $script:totpUser
        $challenge.ChallengeName.Value | Should -BeExactly 'SOFTWARE_TOKEN_MFA'
        $code = Get-TotpCode $script:totpUser.TotpSecret
        $r = Send-CGIPAuthChallengeResponseAdmin $script:totpUser.ClientId -UserPoolId $script:totpUser.UserPoolId -ChallengeName SOFTWARE_TOKEN_MFA `
            -Session $challenge.Session -ChallengeResponse @{ USERNAME = $script:totpUser.UserName; SOFTWARE_TOKEN_MFA_CODE = $code } @script:conn
        Assert-TokensIssued $r
    }

    It 'fails with a terminating CodeMismatchException for a wrong code' {
        $challenge = Invoke-AdminSignIn $script:totpUser
        $right = Get-TotpCode $script:totpUser.TotpSecret
        $wrong = '{0:D6}' -f (([int] $right + 1) % 1000000)
        $err = { Send-CGIPAuthChallengeResponseAdmin $script:totpUser.ClientId -UserPoolId $script:totpUser.UserPoolId -ChallengeName SOFTWARE_TOKEN_MFA `
                -Session $challenge.Session -ChallengeResponse @{ USERNAME = $script:totpUser.UserName; SOFTWARE_TOKEN_MFA_CODE = $wrong } @script:conn } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.CognitoIdentityProvider.Model.CodeMismatchException,*'
        Assert-ServiceError $err 'CodeMismatchException'
    }
}

Describe 'Send-CGIPAuthChallengeResponseAdmin answers SMS_MFA' {
    It 'returns tokens for the SMS code (moto accepts any code)' {
        $pool = New-TestUserPool $script:server -UserName 'sms-user'
        Set-SmsMfaPreferred $pool
        $challenge = Invoke-AdminSignIn $pool
        $challenge.ChallengeName.Value | Should -BeExactly 'SMS_MFA'
        $r = Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName SMS_MFA `
            -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; SMS_MFA_CODE = '123456' } @script:conn
        Assert-TokensIssued $r
    }

    It 'sends SECRET_HASH for an app client with a secret; without it the answer is NotAuthorizedException' {
        $pool = New-TestUserPool $script:server -UserName 'sms-secret' -GenerateSecret
        $pool.ClientSecret | Should -Not -BeNullOrEmpty
        Set-SmsMfaPreferred $pool
        $challenge = Invoke-AdminSignIn $pool
        $answer = @{
            ClientId = $pool.ClientId; UserPoolId = $pool.UserPoolId; ChallengeName = 'SMS_MFA'; Session = $challenge.Session
        }
        $err = { Send-CGIPAuthChallengeResponseAdmin @answer -ChallengeResponse @{ USERNAME = $pool.UserName; SMS_MFA_CODE = '123456' } @script:conn } |
            Should -Throw -PassThru
        Assert-ServiceError $err 'NotAuthorizedException'

        $hash = Get-CognitoSecretHash -ClientId $pool.ClientId -ClientSecret $pool.ClientSecret -UserName $pool.UserName
        $r = Send-CGIPAuthChallengeResponseAdmin @answer -ChallengeResponse @{
            USERNAME = $pool.UserName; SMS_MFA_CODE = '123456'; SECRET_HASH = $hash
        } @script:conn
        Assert-TokensIssued $r
    }
}

Describe 'Send-CGIPAuthChallengeResponseAdmin threads the session through a chain of challenges' -Tag NotUnderWine {
    It 'goes NEW_PASSWORD_REQUIRED -> MFA_SETUP -> tokens, registering TOTP with the session in between' {
        $pool = New-TestUserPool $script:server -UserName 'mfa-setup' -Temporary
        Invoke-CognitoApi $script:server SetUserPoolMfaConfig @{
            UserPoolId = $pool.UserPoolId; MfaConfiguration = 'ON'; SoftwareTokenMfaConfiguration = @{ Enabled = $true }
        } | Out-Null

        $first = Invoke-AdminSignIn $pool
        $first.ChallengeName.Value | Should -BeExactly 'NEW_PASSWORD_REQUIRED'

        $second = $first | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
            -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn
        $second.ChallengeName.Value | Should -BeExactly 'MFA_SETUP'
        $second.Session | Should -Not -BeNullOrEmpty
        $second.AuthenticationResult | Should -BeNullOrEmpty
        $second.ChallengeParameters['MFAS_CAN_SETUP'] | Should -Match 'SOFTWARE_TOKEN_MFA'

        # The app registers an authenticator with the challenge's session; verifying hands back the session that
        # answers MFA_SETUP.
        $associated = Invoke-CognitoApi $script:server AssociateSoftwareToken @{ Session = $second.Session }
        $verified = Invoke-CognitoApi $script:server VerifySoftwareToken @{
            Session = $associated.Session; UserCode = (Get-TotpCode $associated.SecretCode); FriendlyDeviceName = 'phone'
        }
        $verified.Status | Should -Be 'SUCCESS'

        $r = $verified | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName MFA_SETUP `
            -ChallengeResponse @{ USERNAME = $pool.UserName } @script:conn
        Assert-TokensIssued $r
    }

    It 'goes PASSWORD_VERIFIER -> NEW_PASSWORD_REQUIRED -> tokens for an SRP sign-in started with InitiateAuth' {
        # Only the public InitiateAuth issues PASSWORD_VERIFIER; moto takes the session from
        # PASSWORD_CLAIM_SECRET_BLOCK and does not check the SRP signature, so placeholders are enough.
        $pool = New-TestUserPool $script:server -UserName 'srp-user' -Temporary
        $srp = Invoke-CognitoApi $script:server InitiateAuth @{
            ClientId = $pool.ClientId; AuthFlow = 'USER_SRP_AUTH'; AuthParameters = @{ USERNAME = $pool.UserName; SRP_A = 'abcdef0123456789' }
        }
        $srp.ChallengeName | Should -Be 'PASSWORD_VERIFIER'

        $next = Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName PASSWORD_VERIFIER `
            -Session $srp.Session -ChallengeResponse @{
                USERNAME                    = $srp.ChallengeParameters.USERNAME
                PASSWORD_CLAIM_SECRET_BLOCK = $srp.ChallengeParameters.SECRET_BLOCK
                PASSWORD_CLAIM_SIGNATURE    = 'c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LW1vdG8='
                TIMESTAMP                   = 'Mon Jan 5 10:00:00 UTC 2026'
            } @script:conn
        $next.ChallengeName.Value | Should -BeExactly 'NEW_PASSWORD_REQUIRED'
        $next.ChallengeParameters['USERNAME'] | Should -Be $pool.UserName
        $next.Session | Should -Not -BeNullOrEmpty

        $r = $next | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
            -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn
        Assert-TokensIssued $r
    }

    It 'rejects a garbled session with the service error code' {
        $pool = New-TestUserPool $script:server -UserName 'garbled' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $garbled = -join ($challenge.Session.ToCharArray() | Sort-Object -Descending) + 'garbled'
        $err = { Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
                -Session $garbled -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn } |
            Should -Throw -PassThru
        Assert-ServiceError $err 'ResourceNotFoundException'   # moto's code for an unknown session (see header)
    }

    It 'rejects a session that was already answered' {
        $pool = New-TestUserPool $script:server -UserName 'used-session' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $answer = @{
            ClientId = $pool.ClientId; UserPoolId = $pool.UserPoolId; ChallengeName = 'NEW_PASSWORD_REQUIRED'; Session = $challenge.Session
            ChallengeResponse = @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword }
        }
        Assert-TokensIssued (Send-CGIPAuthChallengeResponseAdmin @answer @script:conn)
        $err = { Send-CGIPAuthChallengeResponseAdmin @answer @script:conn } | Should -Throw -PassThru
        Assert-ServiceError $err 'ResourceNotFoundException'
    }
}

Describe 'Send-CGIPAuthChallengeResponseAdmin reports service errors the AWS.Tools way' {
    It 'fails with a typed error when the answer names a different challenge than the session was issued for' {
        # moto does not match the name against the session: a NEW_PASSWORD_REQUIRED session answered as
        # SOFTWARE_TOKEN_MFA is rejected because SOFTWARE_TOKEN_MFA_CODE is missing, as ResourceNotFoundException.
        $pool = New-TestUserPool $script:server -UserName 'wrong-name' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $err = { Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName SOFTWARE_TOKEN_MFA `
                -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn } |
            Should -Throw -PassThru
        Assert-ServiceError $err 'ResourceNotFoundException'
        $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($script:newPassword))
    }

    It 'fails with UserNotFoundException for an unknown user, keeping the new password out of the error, verbose and debug output' {
        $pool = New-TestUserPool $script:server -UserName 'known' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $secret = 'Never-Echo-Me-42!'
        $DebugPreference = 'Continue'
        $records = & {
            try {
                Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
                    -Session $challenge.Session -ChallengeResponse @{ USERNAME = 'nobody-here'; NEW_PASSWORD = $secret } -Verbose -Debug @script:conn
            } catch { $_ }
        } 4>&1 5>&1
        $DebugPreference = 'SilentlyContinue'

        $err = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $err.Count | Should -Be 1
        Assert-ServiceError $err[0] 'UserNotFoundException'
        $err[0].Exception.ToString() | Should -Not -Match ([regex]::Escape($secret))
        "$($err[0].ErrorDetails)" | Should -Not -Match ([regex]::Escape($secret))

        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        $verbose.Message | Should -Contain "Invoking Amazon Cognito Identity Provider operation 'AdminRespondToAuthChallenge' on endpoint '$($script:server.Url)'"
        $debug.Count | Should -BeGreaterThan 0
        foreach ($record in $verbose + $debug) {
            $record.Message | Should -Not -Match ([regex]::Escape($secret))
            $record.Message | Should -Not -Match ([regex]::Escape($pool.Password))
        }
    }

    It 'keeps the new password out of verbose and debug output when the answer succeeds' {
        $pool = New-TestUserPool $script:server -UserName 'quiet' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $DebugPreference = 'Continue'
        $records = & {
            Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
                -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } -Verbose -Debug @script:conn
        } 4>&1 5>&1
        $DebugPreference = 'SilentlyContinue'

        $response = @($records | Where-Object { $_ -is [Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse] })
        $response.Count | Should -Be 1
        Assert-TokensIssued $response[0]
        $streams = @($records | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] })
        $streams.Count | Should -BeGreaterThan 1
        foreach ($record in $streams) {
            $record.Message | Should -Not -Match ([regex]::Escape($script:newPassword))
            $record.Message | Should -Not -Match ([regex]::Escape($challenge.Session))
        }
    }

    It 'fails with ResourceNotFoundException for an app client the pool does not have' {
        $pool = New-TestUserPool $script:server -UserName 'no-client' -Temporary
        $challenge = Invoke-AdminSignIn $pool
        $err = { Send-CGIPAuthChallengeResponseAdmin 'no-such-client-id' -UserPoolId $pool.UserPoolId -ChallengeName NEW_PASSWORD_REQUIRED `
                -Session $challenge.Session -ChallengeResponse @{ USERNAME = $pool.UserName; NEW_PASSWORD = $script:newPassword } @script:conn } |
            Should -Throw -PassThru
        Assert-ServiceError $err 'ResourceNotFoundException'
    }
}
