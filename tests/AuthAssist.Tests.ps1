# Beyond AWS.Tools: the module does SECRET_HASH, TOTP codes, token reading and device verifiers for the caller
# (the SRP sign-in has its own suite, SrpSignIn.Tests.ps1).
#
# What proves what: moto checks SECRET_HASH and (with MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP) TOTP codes, so
# those run end to end against it.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:moto = Start-MotoServer -CheckTotpCodes
    $script:motoConn = Get-TestConnection $script:moto
}

AfterAll {
    Stop-TestServer $script:moto
}

Describe 'SECRET_HASH from -ClientSecret' {
    It 'answers for an app client with a secret, and fails clearly without it (against moto)' {
        # moto checks SECRET_HASH on admin sign-ins only when answering an MFA challenge; SMS codes it accepts as any.
        $pool = New-TestUserPool $script:moto -GenerateSecret
        Invoke-CognitoApi $script:moto AdminSetUserMFAPreference @{
            UserPoolId = $pool.UserPoolId; Username = $pool.UserName; SMSMfaSettings = @{ Enabled = $true; PreferredMfa = $true }
        } | Out-Null
        $challenge = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH -ClientSecret $pool.ClientSecret `
            -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = $pool.Password } @script:motoConn
        $challenge.ChallengeName | Should -Be 'SMS_MFA'
        $answer = @{ ChallengeResponse = @{ USERNAME = $pool.UserName; SMS_MFA_CODE = '123456' } }
        { $challenge | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId @answer @script:motoConn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
        $secure = ConvertTo-SecureString $pool.ClientSecret -AsPlainText -Force
        $result = $challenge | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -ClientSecret $secure @answer @script:motoConn
        $result.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        Get-CGIPSecretHash $pool.ClientId -ClientSecret $pool.ClientSecret -UserName $pool.UserName |
            Should -Be (Get-CognitoSecretHash -ClientId $pool.ClientId -ClientSecret $pool.ClientSecret -UserName $pool.UserName)
    }

    It 'keeps the secret out of verbose, debug and error output' {
        $pool = New-TestUserPool $script:moto -GenerateSecret
        $output = & {
            try {
                Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH -ClientSecret $pool.ClientSecret `
                    -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = 'wrong-Passw0rd!' } @script:motoConn -Verbose
            } catch { $_ | Out-String }
        } 4>&1 5>&1 | Out-String
        $output | Should -Not -Match ([regex]::Escape($pool.ClientSecret))
    }
}

Describe 'TOTP codes for SOFTWARE_TOKEN_MFA' {
    It 'registers TOTP and signs in with codes from Get-CGIPTotpCode (against moto, which checks them)' {
        $pool = New-TestUserPool $script:moto
        $first = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = $pool.Password } @script:motoConn
        $secret = (Invoke-CognitoApi $script:moto AssociateSoftwareToken @{ AccessToken = $first.AuthenticationResult.AccessToken }).SecretCode
        $verified = Invoke-CognitoApi $script:moto VerifySoftwareToken @{ AccessToken = $first.AuthenticationResult.AccessToken; UserCode = (Get-CGIPTotpCode $secret) }
        $verified.Status | Should -Be 'SUCCESS'
        Invoke-CognitoApi $script:moto AdminSetUserMFAPreference @{
            UserPoolId = $pool.UserPoolId; Username = $pool.UserName; SoftwareTokenMfaSettings = @{ Enabled = $true; PreferredMfa = $true }
        } | Out-Null

        $challenge = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = $pool.Password } @script:motoConn
        $challenge.ChallengeName | Should -Be 'SOFTWARE_TOKEN_MFA'
        $code = Get-CGIPTotpCode -Secret $secret
        $code | Should -Match '^\d{6}$'
        $result = $challenge | Send-CGIPAuthChallengeResponseAdmin $pool.ClientId -UserPoolId $pool.UserPoolId `
            -ChallengeResponse @{ USERNAME = $pool.UserName; SOFTWARE_TOKEN_MFA_CODE = $code } @script:motoConn
        $result.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
    }

    It 'agrees with pyotp for the same secret and time' -Tag NotUnderWine {
        $python = Join-Path (Split-Path $PSScriptRoot -Parent) '.tools/venv/bin/python'
        foreach ($t in 0, 59, 1111111109, 2000000000) {
            $expected = & $python -c 'import pyotp,sys; print(pyotp.TOTP(sys.argv[1]).at(int(sys.argv[2])))' 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' $t
            Get-CGIPTotpCode 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' -Time ([DateTimeOffset]::FromUnixTimeSeconds($t)) | Should -Be "$expected"
        }
    }

    It 'refuses a secret that is not base32 with a clear error' {
        { Get-CGIPTotpCode 'not base32 !!' } | Should -Throw -ErrorId 'System.ArgumentException,*'
    }
}

Describe 'Reading tokens without verifying them' {
    It 'decodes the claims and expiry of a real ID token, and says it did not verify it' {
        $pool = New-TestUserPool $script:moto
        $r = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = $pool.Password } @script:motoConn
        $decoded = $r.AuthenticationResult | ConvertFrom-CGIPUnverifiedToken
        $decoded.Claims.'cognito:username' | Should -Be $pool.UserName
        $decoded.Claims.token_use | Should -Be 'id'
        $decoded.Header.alg | Should -Be 'RS256'
        $decoded.ExpiresAt | Should -BeGreaterThan ([DateTime]::UtcNow)
        $decoded.IsExpired | Should -BeFalse
        $decoded.SignatureVerified | Should -BeFalse
    }

    It 'refuses something that is not a JWT' {
        { ConvertFrom-CGIPUnverifiedToken 'abc' } | Should -Throw -ErrorId 'System.ArgumentException,*'
    }
}

Describe 'Device verifiers for ConfirmDevice' {
    It 'makes a fresh password, salt and verifier per call, with the password as a SecureString' {
        $a = New-CGIPDeviceVerifier -DeviceGroupKey '-abcdefgh' -DeviceKey 'us-east-1_00000000-1111-2222-3333-444444444444'
        $b = New-CGIPDeviceVerifier -DeviceGroupKey '-abcdefgh' -DeviceKey 'us-east-1_00000000-1111-2222-3333-444444444444'
        $a.DevicePassword | Should -BeOfType [securestring]
        # The salt is 16 random bytes read as an unsigned number, as amazon-cognito-identity-js reads them:
        # a leading zero byte is dropped (1 time in 256) and a 00 is prepended when the top bit is set.
        $salt = [Convert]::FromBase64String($a.Salt)
        if ($salt[0] -eq 0) { $salt[1] | Should -BeGreaterOrEqual 0x80; $salt = $salt[1..($salt.Length - 1)] }
        $salt[0] | Should -Not -Be 0
        $salt.Length | Should -BeLessOrEqual 16
        [Convert]::FromBase64String($a.PasswordVerifier).Length | Should -BeGreaterOrEqual 384
        $a.Salt | Should -Not -Be $b.Salt
    }
}
