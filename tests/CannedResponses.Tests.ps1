# What moto cannot produce, against a canned-response server on loopback: the exact request we send
# (X-Amz-Target and JSON body) and how we read responses and errors the emulator never returns.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:tokens = @{ AccessToken = 'a.b.c'; ExpiresIn = 3600; TokenType = 'Bearer'; RefreshToken = 'r'; IdToken = 'i.d.t' }
    function script:Connection($server) { @{ EndpointUrl = $server.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' } }
}

Describe 'Requests are what AWS.Tools sends' {
    BeforeAll {
        $script:server = Start-CannedServer -Reply @(@{ status = 200; body = @{ AuthenticationResult = $script:tokens } })
        $script:conn = Connection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    It 'sends every Start-CGIPAuthAdmin member under its AWS name, and only the members given' {
        Start-CGIPAuthAdmin 'client-1' -UserPoolId 'us-east-1_pool' -AuthFlow custom_auth -AuthParameter @{ USERNAME = 'u'; CHALLENGE_NAME = 'SRP_A' } `
            -ClientMetadata @{ source = 'test' } -AnalyticsMetadata_AnalyticsEndpointId 'ep-1' -Session ('s' * 24) `
            -ContextData_IpAddress '192.0.2.1' -ContextData_ServerName 'srv' -ContextData_ServerPath '/login' -ContextData_EncodedData 'enc' `
            -ContextData_HttpHeaders @(@{ HeaderName = 'User-Agent'; HeaderValue = 'pester' }) @script:conn | Out-Null
        $request = (Get-CannedRequest $script:server)[-1]
        $request.target | Should -Be 'AWSCognitoIdentityProviderService.AdminInitiateAuth'
        $request.headers['content-type'] | Should -Be 'application/x-amz-json-1.1'
        $request.headers['authorization'] | Should -Match '^AWS4-HMAC-SHA256 Credential=AKIDTEST/\d{8}/us-east-1/cognito-idp/aws4_request'
        $body = $request.body
        $body.Keys | Sort-Object | Should -Be @('AnalyticsMetadata', 'AuthFlow', 'AuthParameters', 'ClientId', 'ClientMetadata', 'ContextData', 'Session', 'UserPoolId')
        $body.AuthFlow | Should -Be 'CUSTOM_AUTH' -Because 'known values are sent in their canonical spelling'
        $body.AuthParameters.CHALLENGE_NAME | Should -Be 'SRP_A'
        $body.ClientMetadata.source | Should -Be 'test'
        $body.AnalyticsMetadata.AnalyticsEndpointId | Should -Be 'ep-1'
        $body.ContextData.IpAddress | Should -Be '192.0.2.1'
        $body.ContextData.EncodedData | Should -Be 'enc'
        $body.ContextData.HttpHeaders[0].headerName | Should -Be 'User-Agent'
        $body.ContextData.HttpHeaders[0].headerValue | Should -Be 'pester'
    }

    It 'leaves out members that were not given' {
        Start-CGIPAuthAdmin 'client-1' -UserPoolId 'us-east-1_pool' -AuthFlow ADMIN_USER_PASSWORD_AUTH @script:conn | Out-Null
        (Get-CannedRequest $script:server)[-1].body.Keys | Sort-Object | Should -Be @('AuthFlow', 'ClientId', 'UserPoolId')
    }

    It 'sends Send-CGIPAuthChallengeResponseAdmin members under their AWS names' {
        Send-CGIPAuthChallengeResponseAdmin 'client-1' -UserPoolId 'us-east-1_pool' -ChallengeName sms_mfa `
            -ChallengeResponses @{ USERNAME = 'u'; SMS_MFA_CODE = '123456' } -Session ('s' * 24) -ClientMetadata @{ k = 'v' } @script:conn | Out-Null
        $request = (Get-CannedRequest $script:server)[-1]
        $request.target | Should -Be 'AWSCognitoIdentityProviderService.AdminRespondToAuthChallenge'
        $request.body.ChallengeName | Should -Be 'SMS_MFA'
        $request.body.ChallengeResponses.SMS_MFA_CODE | Should -Be '123456'
        $request.body.Keys | Sort-Object | Should -Be @('ChallengeName', 'ChallengeResponses', 'ClientId', 'ClientMetadata', 'Session', 'UserPoolId')
    }
}

Describe 'Challenges the emulator cannot produce' {
    BeforeAll {
        $script:server = Start-CannedServer -Reply @(@{ status = 200; body = @{ ChallengeName = 'CUSTOM_CHALLENGE'; Session = 'next-session-0123456789'; ChallengeParameters = @{ question = 'colour?' } } })
        $script:conn = Connection $script:server
    }
    AfterAll { Stop-TestServer $script:server }

    # PASSWORD_CLAIM_SIGNATURE: a caller who signs a verifier challenge themselves is passed through untouched.
    It 'answers <Name> with the canonical name, the responses as given, and reads the next challenge' -TestCases @(
        'ADMIN_NO_SRP_AUTH', 'CUSTOM_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'SELECT_MFA_TYPE', 'EMAIL_OTP',
        'SMS_OTP', 'PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN', 'SELECT_CHALLENGE' | ForEach-Object { @{ Name = $_ } }) {
        param($Name)
        $r = Send-CGIPAuthChallengeResponseAdmin 'client-1' -UserPoolId 'us-east-1_pool' -ChallengeName $Name.ToLowerInvariant() `
            -ChallengeResponse @{ USERNAME = 'u'; ANSWER = "for $Name"; PASSWORD_CLAIM_SIGNATURE = 'caller-signed' } -Session ('s' * 24) @script:conn
        $request = (Get-CannedRequest $script:server)[-1]
        $request.body.ChallengeName | Should -BeExactly $Name
        $request.body.ChallengeResponses.ANSWER | Should -Be "for $Name"
        $r.ChallengeName | Should -Be 'CUSTOM_CHALLENGE'
        $r.Session | Should -Be 'next-session-0123456789'
        $r.ChallengeParameters['question'] | Should -Be 'colour?'
    }
}

Describe 'Responses the emulator never gives are read in full' {
    It 'reads AvailableChallenges and Session of a USER_AUTH choice' {
        $server = Start-CannedServer -Reply @(@{ status = 200; body = @{ ChallengeName = 'SELECT_CHALLENGE'; Session = 'sess-0123456789abcdef'; AvailableChallenges = @('PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'); ChallengeParameters = @{} } })
        $conn = Connection $server
        try {
            $r = Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow USER_AUTH -AuthParameter @{ USERNAME = 'u' } @conn
            $r.ChallengeName | Should -Be 'SELECT_CHALLENGE'
            $r.AvailableChallenges | Should -Be @('PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN')
            Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow USER_AUTH @conn -Select AvailableChallenges | Should -HaveCount 3
        } finally { Stop-TestServer $server }
    }

    It 'reads NewDeviceMetadata of a remembered device' {
        $result = $script:tokens.Clone()
        $result.NewDeviceMetadata = @{ DeviceKey = 'us-east-1_0a1b2c3d-aaaa-bbbb-cccc-000000000000'; DeviceGroupKey = '-group' }
        $server = Start-CannedServer -Reply @(@{ status = 200; body = @{ AuthenticationResult = $result } })
        $conn = Connection $server
        try {
            $r = Send-CGIPAuthChallengeResponseAdmin 'c' -UserPoolId 'us-east-1_p' -ChallengeName SOFTWARE_TOKEN_MFA @conn
            $r.AuthenticationResult.NewDeviceMetadata.DeviceKey | Should -Be 'us-east-1_0a1b2c3d-aaaa-bbbb-cccc-000000000000'
            $r.AuthenticationResult.NewDeviceMetadata.DeviceGroupKey | Should -Be '-group'
        } finally { Stop-TestServer $server }
    }
}

Describe 'Service errors the emulator never returns' {
    It 'retries throttling, then raises a typed TooManyRequestsException with status and request id' {
        $server = Start-CannedServer -Reply @(@{ status = 400; body = @{ __type = 'TooManyRequestsException'; message = 'Too many requests' } })
        $conn = Connection $server
        try {
            $err = $null
            try { Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH @conn } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'Amazon.CognitoIdentityProvider.Model.TooManyRequestsException,Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
            $err.Exception.Message | Should -Be 'Too many requests'
            $err.Exception.InnerException.ErrorCode | Should -Be 'TooManyRequestsException'
            [int]$err.Exception.InnerException.StatusCode | Should -Be 400
            $err.Exception.InnerException.RequestId | Should -Match '^canned-\d+$'
            (Get-CannedRequest $server).Count | Should -Be 3 -Because 'the default retry policy makes three attempts'
        } finally { Stop-TestServer $server }
    }

    It 'honours MaxErrorRetry from -ClientConfig' {
        $server = Start-CannedServer -Reply @(@{ status = 500; body = @{ __type = 'InternalErrorException'; message = 'boom' } })
        $conn = Connection $server
        try {
            { Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH -ClientConfig @{ MaxErrorRetry = 0 } @conn } |
                Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.InternalErrorException,*'
            (Get-CannedRequest $server).Count | Should -Be 1
        } finally { Stop-TestServer $server }
    }

    It 'recovers from a 500 by retrying' {
        $server = Start-CannedServer -Reply @(
            @{ status = 500; body = @{ __type = 'InternalErrorException'; message = 'boom' } },
            @{ status = 200; body = @{ AuthenticationResult = $script:tokens } })
        $conn = Connection $server
        try {
            (Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH @conn).AuthenticationResult.AccessToken | Should -Be 'a.b.c'
        } finally { Stop-TestServer $server }
    }

    It 'gives an unknown error code the service base type' {
        $server = Start-CannedServer -Reply @(@{ status = 400; body = @{ __type = 'BrandNewException'; message = 'new' } })
        $conn = Connection $server
        try {
            $err = $null
            try { Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH @conn } catch { $err = $_ }
            $err.Exception.InnerException.GetType().FullName | Should -Be 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException'
            $err.Exception.InnerException.ErrorCode | Should -Be 'BrandNewException'
        } finally { Stop-TestServer $server }
    }

    It 'reports a body that is not JSON as an unreadable response' {
        $server = Start-CannedServer -Reply @(@{ status = 200; body = '<html>proxy error</html>' })
        $conn = Connection $server
        try {
            { Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH @conn } |
                Should -Throw -ErrorId 'System.IO.InvalidDataException,*'
        } finally { Stop-TestServer $server }
    }
}
