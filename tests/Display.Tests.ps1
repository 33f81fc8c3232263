# What the console shows: tokens and Session redacted as AWS.Tools shows them, real values in the properties.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $tokens = @{ AccessToken = 'access.token.value'; ExpiresIn = 3600; TokenType = 'Bearer'; RefreshToken = 'refresh-token-value'; IdToken = 'id.token.value' }
    $script:server = Start-CannedServer -Reply @(@{ status = 200; body = @{ AuthenticationResult = $tokens; Session = 'session-value-0123456789'; ChallengeParameters = @{} } })
    $script:response = Start-CGIPAuthAdmin 'c' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH -EndpointUrl $script:server.Url -Region us-east-1 -AccessKey AKIDTEST -SecretKey secret
}

AfterAll {
    Remove-Variable AWSPowerShell_Show_Sensitive_Data -Scope Global -ErrorAction Ignore
    Stop-TestServer $script:server
}

Describe 'Console display of responses' {
    It 'redacts tokens and Session on screen while the properties keep the values' {
        $screen = ($script:response | Format-List | Out-String) + ($script:response.AuthenticationResult | Format-List | Out-String)
        $screen | Should -Match ([regex]::Escape('*** sensitive data redacted from host ***'))
        foreach ($secret in 'access.token.value', 'refresh-token-value', 'id.token.value', 'session-value-0123456789') {
            $screen | Should -Not -Match ([regex]::Escape($secret))
        }
        $screen | Should -Match 'Bearer'
        $script:response.AuthenticationResult.AccessToken | Should -Be 'access.token.value'
        $script:response.Session | Should -Be 'session-value-0123456789'
    }

    It 'shows the values when the user opts in, as with AWS.Tools' {
        $global:AWSPowerShell_Show_Sensitive_Data = $true
        try {
            ($script:response.AuthenticationResult | Format-List | Out-String) | Should -Match 'access\.token\.value'
        } finally { Remove-Variable AWSPowerShell_Show_Sensitive_Data -Scope Global }
    }
}
