# Beyond AWS.Tools: the module does SECRET_HASH, the SRP exchange and TOTP codes for the caller.
#
# What proves what: moto checks SECRET_HASH and (with MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP) TOTP codes, so
# those run end to end against it. moto's AdminInitiateAuth refuses USER_SRP_AUTH and it never checks an SRP
# proof, so the SRP sign-in runs against tests/fixtures/srp_server.py, which verifies PASSWORD_CLAIM_SIGNATURE
# with pycognito's math; bit-for-bit agreement with pycognito and amazon-cognito-identity-js is proven in
# native/tests/srp_references.rs.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:moto = Start-MotoServer -CheckTotpCodes
    $script:motoConn = Get-TestConnection $script:moto
    $script:poolId = 'us-east-1_SrpTestPool'
}

AfterAll {
    Stop-TestServer $script:moto
}

Describe 'USER_SRP_AUTH signed in by the module' -Tag NotUnderWine {
    BeforeAll {
        $script:srp = Start-SrpServer -UserPoolId $script:poolId -UserName 'alice' -Password 'Srp-Passw0rd-1!'
        $script:srpConn = Get-TestConnection $script:srp
        $script:clientId = 'srp-client'
    }
    AfterAll { Stop-TestServer $script:srp }

    It 'signs in in three lines: the password never leaves the process and the proof is accepted' {
        $challenge = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'alice'; PASSWORD = 'Srp-Passw0rd-1!' } @script:srpConn
        $challenge.ChallengeName | Should -Be 'PASSWORD_VERIFIER'
        $result = $challenge | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:srpConn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        $log = Get-Content $script:srp.LogFile | ForEach-Object { $_ | ConvertFrom-Json }
        $log[-2].members | Should -Be @('SRP_A', 'USERNAME') -Because 'the password is replaced by SRP_A'
        $log[-1].members | Should -Be @('PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME')
    }

    It 'takes the password as a SecureString through -Password' {
        $secure = ConvertTo-SecureString 'Srp-Passw0rd-1!' -AsPlainText -Force
        $result = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH -AuthParameter @{ USERNAME = 'alice' } `
            -Password $secure @script:srpConn | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:srpConn
        $result.AuthenticationResult | Should -Not -BeNullOrEmpty
    }

    It 'fails with NotAuthorizedException when the password is wrong' {
        $challenge = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'alice'; PASSWORD = 'not-the-password' } @script:srpConn
        { $challenge | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:srpConn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
    }

    It 'signs in with the building blocks New-CGIPSrpA and Get-CGIPSrpPasswordClaim, for callers driving the flow' {
        $srp = New-CGIPSrpA
        $challenge = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'alice'; SRP_A = $srp.SrpA } @script:srpConn
        $claim = Get-CGIPSrpPasswordClaim -Handle $srp.Handle -UserPoolId $script:poolId -ChallengeParameter $challenge.ChallengeParameters `
            -Password (ConvertTo-SecureString 'Srp-Passw0rd-1!' -AsPlainText -Force)
        $result = Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName PASSWORD_VERIFIER `
            -Session $challenge.Session -ChallengeResponse $claim @script:srpConn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        { Get-CGIPSrpPasswordClaim -Handle $srp.Handle -UserPoolId $script:poolId -ChallengeParameter $challenge.ChallengeParameters -Password 'x' } |
            Should -Throw -ErrorId 'System.ArgumentException,*' -Because 'a handle signs once'
    }

    It 'says what is missing when PASSWORD_VERIFIER comes from a session it did not start' {
        $err = $null
        try {
            Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName PASSWORD_VERIFIER `
                -Session ('x' * 40) -ChallengeResponse @{ USERNAME = 'alice' } @script:srpConn
        } catch { $err = $_ }
        $err.Exception.InnerException | Should -BeOfType [System.ArgumentException]
        $err.Exception.Message | Should -Match 'PASSWORD_CLAIM_SIGNATURE'
    }
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

    It 'adds SECRET_HASH to both SRP steps' -Tag NotUnderWine {
        $server = Start-SrpServer -UserPoolId $script:poolId -UserName 'bob' -Password 'Bob-Passw0rd-2!' -ClientId 'secret-client' -ClientSecret 'top-secret'
        try {
            $conn = Get-TestConnection $server
            $result = Start-CGIPAuthAdmin 'secret-client' -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH -ClientSecret 'top-secret' `
                -AuthParameter @{ USERNAME = 'bob'; PASSWORD = 'Bob-Passw0rd-2!' } @conn |
                Send-CGIPAuthChallengeResponseAdmin 'secret-client' -UserPoolId $script:poolId -ClientSecret 'top-secret' @conn
            $result.AuthenticationResult | Should -Not -BeNullOrEmpty
        } finally { Stop-TestServer $server }
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

Describe 'Remembered devices' -Tag NotUnderWine {
    BeforeAll {
        $script:device = New-CGIPDeviceVerifier -DeviceGroupKey '-DeviceGroup1' -DeviceKey 'us-east-1_0a1b2c3d-aaaa-bbbb-cccc-000000000001'
        $script:deviceServer = Start-SrpServer -UserPoolId $script:poolId -UserName 'alice' -Password 'unused-here' `
            -Device $script:device.DeviceGroupKey, $script:device.DeviceKey, $script:device.PasswordVerifier, $script:device.Salt
        $script:deviceConn = Get-TestConnection $script:deviceServer
        $script:deviceAnswer = @{ USERNAME = 'alice'; DEVICE_KEY = $script:device.DeviceKey }
    }
    AfterAll { Stop-TestServer $script:deviceServer }

    It 'answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER from the verifier New-CGIPDeviceVerifier made' {
        $challenge = Send-CGIPAuthChallengeResponseAdmin 'c' -UserPoolId $script:poolId -ChallengeName DEVICE_SRP_AUTH -Session ('s' * 24) `
            -ChallengeResponse $script:deviceAnswer -DeviceGroupKey $script:device.DeviceGroupKey -DevicePassword $script:device.DevicePassword @script:deviceConn
        $challenge.ChallengeName | Should -Be 'DEVICE_PASSWORD_VERIFIER'
        $result = $challenge | Send-CGIPAuthChallengeResponseAdmin 'c' -UserPoolId $script:poolId -ChallengeResponse $script:deviceAnswer @script:deviceConn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        $log = Get-Content $script:deviceServer.LogFile | ForEach-Object { $_ | ConvertFrom-Json }
        $log[-2].members | Should -Be @('DEVICE_KEY', 'SRP_A', 'USERNAME') -Because 'the device password is not sent'
    }

    It 'is refused with another device password' {
        $other = New-CGIPDeviceVerifier -DeviceGroupKey $script:device.DeviceGroupKey -DeviceKey $script:device.DeviceKey
        $challenge = Send-CGIPAuthChallengeResponseAdmin 'c' -UserPoolId $script:poolId -ChallengeName DEVICE_SRP_AUTH -Session ('s' * 24) `
            -ChallengeResponse $script:deviceAnswer -DeviceGroupKey $script:device.DeviceGroupKey -DevicePassword $other.DevicePassword @script:deviceConn
        { $challenge | Send-CGIPAuthChallengeResponseAdmin 'c' -UserPoolId $script:poolId -ChallengeResponse $script:deviceAnswer @script:deviceConn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
    }
}

Describe 'Device verifiers for ConfirmDevice' {
    It 'makes a fresh password, salt and verifier per call, with the password as a SecureString' {
        $a = New-CGIPDeviceVerifier -DeviceGroupKey '-abcdefgh' -DeviceKey 'us-east-1_00000000-1111-2222-3333-444444444444'
        $b = New-CGIPDeviceVerifier -DeviceGroupKey '-abcdefgh' -DeviceKey 'us-east-1_00000000-1111-2222-3333-444444444444'
        $a.DevicePassword | Should -BeOfType [securestring]
        [Convert]::FromBase64String($a.Salt).Length | Should -BeGreaterOrEqual 16
        [Convert]::FromBase64String($a.PasswordVerifier).Length | Should -BeGreaterOrEqual 384
        $a.Salt | Should -Not -Be $b.Salt
    }
}
