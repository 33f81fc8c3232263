# $AWSHistory as AWS.Tools V4 records it: the last invocations, with sensitive members left out unless asked.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:server = Start-MotoServer
    $script:conn = Get-TestConnection $script:server
    $script:pool = New-TestUserPool $script:server
    $script:signIn = Get-TestSignIn $script:pool
}

AfterAll {
    Set-AWSHistoryConfiguration -MaxCmdletHistory 5 -MaxServiceCallHistory 5 -RecordServiceRequests:$false -IncludeSensitiveData:$false
    Stop-TestServer $script:server
}

Describe '$AWSHistory' {
    BeforeEach {
        Set-AWSHistoryConfiguration -MaxCmdletHistory 5 -MaxServiceCallHistory 5 -RecordServiceRequests:$false -IncludeSensitiveData:$false
        Clear-AWSHistory
    }

    It 'records the last command with a response whose tokens and session are left out' {
        $r = Start-CGIPAuthAdmin @script:signIn @script:conn
        $AWSHistory.LastCommand.CmdletName | Should -Be 'Start-CGIPAuthAdmin'
        $AWSHistory.LastCommand.EmittedObjectsCount | Should -Be 1
        $logged = $AWSHistory.LastServiceResponse
        $logged.AuthenticationResult.TokenType | Should -Be 'Bearer'
        $logged.AuthenticationResult.ExpiresIn | Should -Be 3600
        $logged.AuthenticationResult.AccessToken | Should -BeNullOrEmpty
        $logged.AuthenticationResult.RefreshToken | Should -BeNullOrEmpty
        $logged.Session | Should -BeNullOrEmpty
        $logged.LoggedAt | Should -BeOfType [datetime]
        $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty -Because 'only the history copy is redacted'
        $AWSHistory.LastServiceRequest | Should -BeNullOrEmpty -Because 'requests are recorded only on request'
        "$AWSHistory" | Should -Be '1 command(s) recorded, last  = Start-CGIPAuthAdmin.'
    }

    It 'records requests without ClientId, AuthParameters or Session when asked to' {
        Set-AWSHistoryConfiguration -RecordServiceRequests
        Start-CGIPAuthAdmin @script:signIn @script:conn -Session ('s' * 30) -ErrorAction SilentlyContinue 2>$null | Out-Null
        $request = $AWSHistory.LastServiceRequest
        $request.AuthFlow | Should -Be 'ADMIN_USER_PASSWORD_AUTH'
        $request.UserPoolId | Should -Be $script:pool.UserPoolId
        $request.PSObject.Properties.Name | Should -Not -Contain 'AuthParameters'
        $request.PSObject.Properties.Name | Should -Not -Contain 'ClientId'
        $request.PSObject.Properties.Name | Should -Not -Contain 'Session'
    }

    It 'keeps the sensitive members with -IncludeSensitiveData' {
        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        $r = Start-CGIPAuthAdmin @script:signIn @script:conn
        $AWSHistory.LastServiceResponse.AuthenticationResult.AccessToken | Should -Be $r.AuthenticationResult.AccessToken
        $AWSHistory.LastServiceRequest.AuthParameters['USERNAME'] | Should -Be $script:pool.UserName
    }

    It 'records a service error as the last response' {
        { Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter @{ USERNAME = $script:pool.UserName; PASSWORD = 'wrong-Passw0rd!' } } | Should -Throw
        $AWSHistory.LastServiceResponse | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException'
    }

    It 'keeps at most MaxCmdletHistory commands, and none at 0' {
        Set-AWSHistoryConfiguration -MaxCmdletHistory 2
        1..3 | ForEach-Object { Start-CGIPAuthAdmin @script:signIn @script:conn | Out-Null }
        @($AWSHistory.Commands).Count | Should -Be 2
        Set-AWSHistoryConfiguration -MaxCmdletHistory 0
        Start-CGIPAuthAdmin @script:signIn @script:conn | Out-Null
        @($AWSHistory.Commands).Count | Should -Be 0
    }
}
