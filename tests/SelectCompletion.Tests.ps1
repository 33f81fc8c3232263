# Tab completion of -Select, as AWS.Tools' completer offers it (spec §2.6).
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    function script:Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Completing -Select' {
    It 'offers *, the response properties in order, then ^ and the parameter names' {
        $all = Complete 'Start-CGIPAuthAdmin -Select '
        $all[0] | Should -Be '*'
        $all[1..5] | Should -Be @('AuthenticationResult', 'AvailableChallenges', 'ChallengeName', 'ChallengeParameters', 'Session')
        $all | Should -Contain '^ClientId'
        $all | Should -Contain '^AuthParameter'
        $all | Should -Contain '^Region' -Because 'the completer lists inherited parameters too, as AWS.Tools does'
    }

    It 'walks into a property after a dot, keeping what was typed' {
        Complete 'Start-CGIPAuthAdmin -Select authenticationresult.' |
            Should -Be @('authenticationresult.AccessToken', 'authenticationresult.ExpiresIn', 'authenticationresult.IdToken',
                'authenticationresult.NewDeviceMetadata', 'authenticationresult.RefreshToken', 'authenticationresult.TokenType')
        Complete 'Start-CGIPAuthAdmin -Select AuthenticationResult.NewDeviceMetadata.D' |
            Should -Be @('AuthenticationResult.NewDeviceMetadata.DeviceGroupKey', 'AuthenticationResult.NewDeviceMetadata.DeviceKey')
    }

    It 'does not offer the secrets the module adds (^Password, ^ClientSecret, ^DevicePassword), as -Select refuses them' {
        $start = Complete 'Start-CGIPAuthAdmin -Select ^'
        $send = Complete 'Send-CGIPAuthChallengeResponseAdmin -Select ^'
        $start | Should -Contain '^AuthParameter' -Because 'AWS.Tools parameters are still offered'
        $start | Should -Not -Contain '^Password'
        $start | Should -Not -Contain '^ClientSecret'
        $send | Should -Contain '^DeviceGroupKey'
        $send | Should -Not -Contain '^DevicePassword'
        $send | Should -Not -Contain '^ClientSecret'
        Complete 'Start-CGIPAuthAdmin -Select ' | Should -Not -Contain '^Password'
    }

    It 'completes ^ names of the Send cmdlet by prefix' {
        Complete 'Send-CGIPAuthChallengeResponseAdmin -Select ^Ch' | Should -Be @('^ChallengeName', '^ChallengeParameter', '^ChallengeResponse')
    }

    It 'offers AvailableChallenges for the Send response too, which the current API model gives it' {
        Complete 'Send-CGIPAuthChallengeResponseAdmin -Select Av' | Should -Be @('AvailableChallenges')
    }
}
