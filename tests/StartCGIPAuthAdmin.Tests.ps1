# Start-CGIPAuthAdmin against a real Cognito emulator (moto) on loopback: every AuthFlow moto serves on
# AdminInitiateAuth, and the error shapes AWS.Tools scripts catch.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:server = Start-MotoServer
    $script:conn = Get-TestConnection $script:server
    $script:pool = New-TestUserPool $script:server
    $script:signIn = Get-TestSignIn $script:pool
}

AfterAll {
    Stop-TestServer $script:server
}

Describe 'Start-CGIPAuthAdmin signs a user in' {
    It 'returns real JWT tokens for ADMIN_USER_PASSWORD_AUTH' {
        $r = Start-CGIPAuthAdmin @script:signIn @script:conn
        $r | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse'
        $r.ChallengeName | Should -BeNullOrEmpty
        $r.AuthenticationResult.TokenType | Should -Be 'Bearer'
        $r.AuthenticationResult.ExpiresIn | Should -BeGreaterThan 0
        foreach ($token in 'AccessToken', 'IdToken', 'RefreshToken') {
            $r.AuthenticationResult.$token | Should -Not -BeNullOrEmpty
        }
        $r.AuthenticationResult.AccessToken.Split('.').Count | Should -Be 3
        $claims = $r.AuthenticationResult.IdToken.Split('.')[1]
        $claims = $claims.Replace('-', '+').Replace('_', '/').PadRight($claims.Length + (4 - $claims.Length % 4) % 4, '=')
        ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($claims)) | ConvertFrom-Json).'cognito:username' | Should -Be $script:pool.UserName
    }

    It 'takes the ClientId as its first positional argument and AuthParameters as an alias' {
        $r = Start-CGIPAuthAdmin $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameters @{ USERNAME = $script:pool.UserName; PASSWORD = $script:pool.Password } @script:conn
        $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
    }

    It 'accepts the AuthFlow in any case and as the AWS constant' {
        $lower = Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId `
            -AuthFlow admin_user_password_auth -AuthParameter $script:signIn.AuthParameter
        $lower.AuthenticationResult | Should -Not -BeNullOrEmpty
        $typed = Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId `
            -AuthFlow ([Amazon.CognitoIdentityProvider.AuthFlowType]::ADMIN_NO_SRP_AUTH) -AuthParameter $script:signIn.AuthParameter
        $typed.AuthenticationResult | Should -Not -BeNullOrEmpty
    }

    It 'refreshes with REFRESH_TOKEN_AUTH and REFRESH_TOKEN' {
        $first = Start-CGIPAuthAdmin @script:signIn @script:conn
        foreach ($flow in 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN') {
            $r = Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow $flow `
                -AuthParameter @{ REFRESH_TOKEN = $first.AuthenticationResult.RefreshToken }
            $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
            $r.AuthenticationResult.IdToken | Should -Not -BeNullOrEmpty
        }
    }

    It 'makes one call per ClientId piped in' {
        $results = @($script:pool.ClientId, $script:pool.ClientId) |
            Start-CGIPAuthAdmin -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter $script:signIn.AuthParameter @script:conn
        $results.Count | Should -Be 2
        $results.AuthenticationResult.AccessToken | Select-Object -Unique | Should -HaveCount 2
    }

    It 'asks for a new password when the user has a temporary one' {
        $temp = New-TestUserPool $script:server -Temporary
        $r = Start-CGIPAuthAdmin @script:conn -ClientId $temp.ClientId -UserPoolId $temp.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $temp.UserName; PASSWORD = $temp.Password }
        $r.ChallengeName | Should -Be 'NEW_PASSWORD_REQUIRED'
        $r.ChallengeName | Should -BeOfType 'Amazon.CognitoIdentityProvider.ChallengeNameType'
        $r.Session | Should -Not -BeNullOrEmpty
        $r.AuthenticationResult | Should -BeNullOrEmpty
    }
}

Describe 'Start-CGIPAuthAdmin reports failures as AWS.Tools does' {
    It 'raises a terminating NotAuthorizedException for a wrong password' {
        $err = $null
        try {
            Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter @{ USERNAME = $script:pool.UserName; PASSWORD = 'Wrong-Password-1!' } -ErrorAction SilentlyContinue
        } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty -Because '-ErrorAction SilentlyContinue must not hide a terminating error'
        $err.FullyQualifiedErrorId | Should -Be 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
        $err.Exception.InnerException | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException'
        $err.Exception.InnerException.ErrorCode | Should -Be 'NotAuthorizedException'
        [int]$err.Exception.InnerException.StatusCode | Should -Be 400
        $err.Exception.Message | Should -Be $err.Exception.InnerException.Message
        $err.Exception.Message | Should -Not -Match 'Wrong-Password'
    }

    It 'can be caught by the typed exception' {
        $caught = $false
        try {
            Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter @{ USERNAME = 'nobody-here'; PASSWORD = 'x' }
        } catch [System.InvalidOperationException] {
            $caught = $_.Exception.InnerException -is [Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException]
            $_.Exception.InnerException.ErrorCode | Should -BeIn @('UserNotFoundException', 'NotAuthorizedException')
        }
        $caught | Should -BeTrue
    }

    It 'names ResourceNotFoundException for an unknown pool' {
        { Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId 'us-east-1_doesnotexist' -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter $script:signIn.AuthParameter } |
            Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.ResourceNotFoundException,Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
    }

    It 'passes an unknown AuthFlow to the service, which refuses it' {
        $err = $null
        try {
            Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow 'NOT_A_FLOW' -AuthParameter $script:signIn.AuthParameter
        } catch { $err = $_ }
        $err.Exception.InnerException | Should -BeOfType 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException'
        $err.Exception.Message | Should -Match 'NOT_A_FLOW'
    }

    It 'gets the emulator''s answer for flows its AdminInitiateAuth does not serve (<Flow>)' -TestCases @(
        @{ Flow = 'USER_SRP_AUTH' }, @{ Flow = 'CUSTOM_AUTH' }, @{ Flow = 'USER_PASSWORD_AUTH' }, @{ Flow = 'USER_AUTH' }) {
        param($Flow)
        # moto serves only the admin and refresh flows on AdminInitiateAuth (SRP and custom flows only on the
        # public InitiateAuth); real Cognito answers USER_SRP_AUTH with PASSWORD_VERIFIER. What is proven here
        # is that the flow name reaches the service and its refusal comes back typed.
        $err = $null
        try {
            Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow $Flow `
                -AuthParameter @{ USERNAME = $script:pool.UserName; SRP_A = 'ab12' }
        } catch { $err = $_ }
        $err.Exception.InnerException.ErrorCode | Should -Be 'InvalidParameterException'
        $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.CognitoIdentityProvider.Model.InvalidParameterException,*'
    }

    It 'reports a stopped emulator as a transport failure naming the endpoint' {
        $port = Get-FreeTcpPort
        $dead = @{ EndpointUrl = "http://127.0.0.1:$port"; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
        $err = $null
        try { Start-CGIPAuthAdmin @script:signIn @dead } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'System.Net.Http.HttpRequestException,*'
        $err.Exception.Message | Should -Match ([regex]::Escape("http://127.0.0.1:$port"))
    }
}
