# The module's SRP sign-in (USER_SRP_AUTH, CUSTOM_AUTH with a password, remembered devices) against
# tests/fixtures/srp_server.py, which answers as real Cognito was measured to: no Session with PASSWORD_VERIFIER
# or DEVICE_PASSWORD_VERIFIER, state by SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE checked, wrong
# answers refused with NotAuthorizedException (docs/testing.md names the sources). Its -WithSession mode answers
# the way moto does, with a Session. moto cannot serve here: its AdminInitiateAuth refuses USER_SRP_AUTH and it
# never checks a proof. The SRP math itself agrees bit for bit with pycognito and amazon-cognito-identity-js
# (native/tests/srp_references.rs); the server checks it with pycognito's.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:poolId = 'us-east-1_SrpTestPool'
    $script:password = 'Srp-Passw0rd-1!'
    $script:clientId = 'srp-client'
}

Describe 'The three-line sign-in, <Mode>' -ForEach @(
    @{ Mode = 'as Cognito answers (no Session)'; WithSession = $false }
    @{ Mode = 'as moto answers (with a Session)'; WithSession = $true }
) {
    BeforeAll {
        $script:device = New-CGIPDeviceVerifier -DeviceGroupKey '-DeviceGroup1' -DeviceKey 'us-east-1_0a1b2c3d-aaaa-bbbb-cccc-000000000001'
        $script:server = Start-SrpServer -UserPoolId $script:poolId -UserName 'dora' -Password $script:password -WithSession:$WithSession `
            -Device $script:device.DeviceGroupKey, $script:device.DeviceKey, $script:device.PasswordVerifier, $script:device.Salt
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'signs in with USER_SRP_AUTH: the password never leaves the process and the proof is accepted' {
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'dora'; PASSWORD = $script:password } @script:conn
        $r.ChallengeName | Should -Be 'PASSWORD_VERIFIER'
        [bool]$r.Session | Should -Be $WithSession
        $result = $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        $log = Get-SrpServerLog $script:server
        $log[-2].members | Should -Be @('SRP_A', 'USERNAME') -Because 'the password is replaced by SRP_A'
        $log[-1].members | Should -Be @('PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME')
        $log[-1].session | Should -Be $WithSession -Because 'the Session goes back exactly when one came'
    }

    It 'signs in with a remembered device: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER piped back in' {
        $c = Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName DEVICE_SRP_AUTH `
            -ChallengeResponse @{ USERNAME = 'dora'; DEVICE_KEY = $script:device.DeviceKey } `
            -DeviceGroupKey $script:device.DeviceGroupKey -DevicePassword $script:device.DevicePassword @script:conn
        $c.ChallengeName | Should -Be 'DEVICE_PASSWORD_VERIFIER'
        [bool]$c.Session | Should -Be $WithSession
        $result = $c | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        $log = Get-SrpServerLog $script:server
        $log[-2].members | Should -Be @('DEVICE_KEY', 'SRP_A', 'USERNAME') -Because 'the device password is not sent'
        $log[-1].members | Should -Be @('DEVICE_KEY', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME')
    }

    It 'refuses the device sign-in with another device password (NotAuthorizedException)' {
        $other = New-CGIPDeviceVerifier -DeviceGroupKey $script:device.DeviceGroupKey -DeviceKey $script:device.DeviceKey
        $c = Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName DEVICE_SRP_AUTH `
            -ChallengeResponse @{ USERNAME = 'dora'; DEVICE_KEY = $script:device.DeviceKey } `
            -DeviceGroupKey $script:device.DeviceGroupKey -DevicePassword $other.DevicePassword @script:conn
        { $c | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
    }
}

Describe 'SRP sign-in details, as Cognito answers' {
    BeforeAll {
        $script:server = Start-SrpServer -UserPoolId $script:poolId -UserName 'dora' -Password $script:password -Alias 'dora@example.com'
        $script:conn = Get-TestConnection $script:server
        function script:Start-Srp([string] $UserName = 'dora', [string] $Password = $script:password) {
            Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
                -AuthParameter @{ USERNAME = $UserName; PASSWORD = $Password } @script:conn
        }
    }
    AfterAll { Stop-TestServer $script:server }

    It 'takes the password as a SecureString through -Password' {
        $secure = ConvertTo-SecureString $script:password -AsPlainText -Force
        $result = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH -AuthParameter @{ USERNAME = 'dora' } `
            -Password $secure @script:conn | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn
        $result.AuthenticationResult | Should -Not -BeNullOrEmpty
    }

    It 'signs in by an e-mail alias: the answer is for USER_ID_FOR_SRP, the real user name' {
        $r = Start-Srp -UserName 'dora@example.com'
        $r.ChallengeParameters['USER_ID_FOR_SRP'] | Should -Be 'dora'
        $result = $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId `
            -ChallengeResponse @{ USERNAME = 'dora@example.com' } @script:conn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token' -Because 'the server refuses an answer for the alias'
    }

    It 'fails with NotAuthorizedException when the password is wrong' {
        $r = Start-Srp -Password 'not-the-password'
        { $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
    }

    It 'is refused with NotAuthorizedException when the TIMESTAMP is tampered with (<Tamper>)' -TestCases @(
        @{ Tamper = 'another weekday'; Change = { param($t) ($t.Substring(0, 3) -eq 'Mon' ? 'Tue' : 'Mon') + $t.Substring(3) } }
        @{ Tamper = 'a zero-padded day'; Change = { param($t) $t -replace '^(\w{3} \w{3}) (\d+) ', '$1 0$2 ' } }
    ) {
        $srp = New-CGIPSrpA
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'dora'; SRP_A = $srp.SrpA } @script:conn
        $claim = Get-CGIPSrpPasswordClaim -Handle $srp.Handle -UserPoolId $script:poolId -ChallengeParameter $r.ChallengeParameters -Password $script:password
        $claim.TIMESTAMP = & $Change $claim.TIMESTAMP
        $err = $null
        try { $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeResponse $claim @script:conn } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
        $err.Exception.Message | Should -Be 'Incorrect username or password.'
    }

    It 'signs in with the building blocks New-CGIPSrpA and Get-CGIPSrpPasswordClaim, for callers driving the flow' {
        $srp = New-CGIPSrpA
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'dora'; SRP_A = $srp.SrpA } @script:conn
        $claim = Get-CGIPSrpPasswordClaim -Handle $srp.Handle -UserPoolId $script:poolId -ChallengeParameter $r.ChallengeParameters `
            -Password (ConvertTo-SecureString $script:password -AsPlainText -Force)
        $result = Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName PASSWORD_VERIFIER `
            -ChallengeResponse $claim @script:conn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        { Get-CGIPSrpPasswordClaim -Handle $srp.Handle -UserPoolId $script:poolId -ChallengeParameter $r.ChallengeParameters -Password 'x' } |
            Should -Throw -ErrorId 'System.ArgumentException,*' -Because 'a handle signs once'
    }

    It 'signs two interleaved sign-ins in one session, each with its own challenge' {
        $first = Start-Srp
        $second = Start-Srp
        $first.ChallengeParameters['SECRET_BLOCK'] | Should -Not -Be $second.ChallengeParameters['SECRET_BLOCK']
        ($second | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn).AuthenticationResult | Should -Not -BeNullOrEmpty
        ($first | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn).AuthenticationResult | Should -Not -BeNullOrEmpty
    }

    It 'signs six sign-ins in parallel runspaces, each its own' {
        $module = $env:CGIP_TEST_MODULE
        $tokens = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:module
            $conn = $using:conn
            $r = Start-CGIPAuthAdmin $using:clientId -UserPoolId $using:poolId -AuthFlow USER_SRP_AUTH `
                -AuthParameter @{ USERNAME = 'dora'; PASSWORD = $using:password } @conn
            ($r | Send-CGIPAuthChallengeResponseAdmin $using:clientId -UserPoolId $using:poolId @conn).AuthenticationResult.AccessToken
        }
        $tokens | Should -HaveCount 6
        $tokens | Sort-Object -Unique | Should -Be 'srp.access.token'
    }

    It 'returns the piped challenge''s parameters for -Select ^ChallengeParameter, after signing in' {
        $r = Start-Srp
        $selected = $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -Select '^ChallengeParameter' @script:conn
        $selected['SECRET_BLOCK'] | Should -Be $r.ChallengeParameters['SECRET_BLOCK']
        (Get-SrpServerLog $script:server)[-1].members | Should -Contain 'PASSWORD_CLAIM_SIGNATURE' -Because 'the call was made'
    }

    It 'says what is missing when the PASSWORD_VERIFIER comes from a sign-in it did not start with a password' {
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
            -AuthParameter @{ USERNAME = 'dora'; SRP_A = (New-CGIPSrpA).SrpA } @script:conn
        $sent = @(Get-SrpServerLog $script:server).Count
        $err = $null
        try { $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn } catch { $err = $_ }
        $err.Exception.InnerException | Should -BeOfType [System.ArgumentException]
        $err.Exception.Message | Should -Match 'PASSWORD_CLAIM_SIGNATURE'
        @(Get-SrpServerLog $script:server).Count | Should -Be $sent -Because 'nothing unsigned is sent'
    }

    It 'refuses a password for a flow that takes none, and sends nothing (<Flow>)' -TestCases @(
        @{ Flow = 'REFRESH_TOKEN_AUTH' }, @{ Flow = 'USER_AUTH' }) {
        $sent = @(Get-SrpServerLog $script:server).Count
        $err = $null
        try {
            Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow $Flow -AuthParameter @{ USERNAME = 'dora' } `
                -Password $script:password @script:conn
        } catch { $err = $_ }
        $err.Exception.InnerException | Should -BeOfType [System.ArgumentException]
        $err.Exception.Message | Should -Match 'not sent'
        $err | Out-String | Should -Not -Match ([regex]::Escape($script:password))
        @(Get-SrpServerLog $script:server).Count | Should -Be $sent
    }
}

Describe 'SECRET_HASH in an SRP sign-in' {
    It 'is sent in both steps: for the alias typed, then for USER_ID_FOR_SRP' {
        $server = Start-SrpServer -UserPoolId $script:poolId -UserName 'bob' -Password 'Bob-Passw0rd-2!' -Alias 'bob@example.com' `
            -ClientId 'secret-client' -ClientSecret 'top-secret'
        try {
            $conn = Get-TestConnection $server
            $result = Start-CGIPAuthAdmin 'secret-client' -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH -ClientSecret 'top-secret' `
                -AuthParameter @{ USERNAME = 'bob@example.com'; PASSWORD = 'Bob-Passw0rd-2!' } @conn |
                Send-CGIPAuthChallengeResponseAdmin 'secret-client' -UserPoolId $script:poolId -ClientSecret 'top-secret' @conn
            $result.AuthenticationResult | Should -Not -BeNullOrEmpty -Because 'the server checks both hashes'
            (Get-SrpServerLog $server).members | Should -Contain 'SECRET_HASH'
        } finally { Stop-TestServer $server }
    }
}

Describe 'CUSTOM_AUTH with a password (SRP before the custom challenge)' {
    BeforeAll {
        $script:server = Start-SrpServer -UserPoolId $script:poolId -UserName 'dora' -Password $script:password
        $script:conn = Get-TestConnection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'starts with CHALLENGE_NAME = SRP_A and SRP_A, signs the PASSWORD_VERIFIER, then answers the custom challenge' {
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow CUSTOM_AUTH -AuthParameter @{ USERNAME = 'dora' } `
            -Password (ConvertTo-SecureString $script:password -AsPlainText -Force) @script:conn
        $r.ChallengeName | Should -Be 'PASSWORD_VERIFIER'
        (Get-SrpServerLog $script:server)[-1].members | Should -Be @('CHALLENGE_NAME', 'SRP_A', 'USERNAME') -Because 'no password is sent'
        $custom = $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn
        $custom.ChallengeName | Should -Be 'CUSTOM_CHALLENGE'
        $result = $custom | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId `
            -ChallengeResponse @{ USERNAME = 'dora'; ANSWER = '42' } @script:conn
        $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
    }

    It 'fails with NotAuthorizedException when the password is wrong' {
        $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow CUSTOM_AUTH `
            -AuthParameter @{ USERNAME = 'dora'; PASSWORD = 'not-the-password' } @script:conn
        { $r | Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId @script:conn } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
    }
}

Describe 'Answering by Session alone, where the service sends one (moto''s way)' {
    It 'signs a PASSWORD_VERIFIER named with -ChallengeName and -Session, without the challenge parameters' {
        $server = Start-SrpServer -UserPoolId $script:poolId -UserName 'dora' -Password $script:password -WithSession
        try {
            $conn = Get-TestConnection $server
            $r = Start-CGIPAuthAdmin $script:clientId -UserPoolId $script:poolId -AuthFlow USER_SRP_AUTH `
                -AuthParameter @{ USERNAME = 'dora'; PASSWORD = $script:password } @conn
            $result = Send-CGIPAuthChallengeResponseAdmin $script:clientId -UserPoolId $script:poolId -ChallengeName PASSWORD_VERIFIER `
                -Session $r.Session @conn
            $result.AuthenticationResult.AccessToken | Should -Be 'srp.access.token'
        } finally { Stop-TestServer $server }
    }
}
