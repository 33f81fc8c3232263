# 10,000 calls through the module in one process: resident memory must stay flat (a leak of a few hundred
# bytes per call, managed or native, would show). The numbers are printed for the record.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $tokens = @{ AccessToken = 'a' * 900; ExpiresIn = 3600; TokenType = 'Bearer'; RefreshToken = 'r' * 1700; IdToken = 'i' * 1000 }
    $script:server = Start-CannedServer -Reply @(@{ status = 200; body = @{ AuthenticationResult = $tokens; ChallengeParameters = @{} } })
    $script:call = @{
        ClientId = 'client'; UserPoolId = 'us-east-1_p'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameter = @{ USERNAME = 'u'; PASSWORD = 'p' }
        EndpointUrl = $script:server.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'secret'
    }
    function script:ResidentMb {
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $p = [Diagnostics.Process]::GetCurrentProcess(); $p.Refresh()
        [math]::Round($p.WorkingSet64 / 1MB, 1)
    }
}

AfterAll { Stop-TestServer $script:server }

Describe 'A long-running script' {
    It 'keeps resident memory flat over 10,000 calls' {
        1..500 | ForEach-Object { $null = Start-CGIPAuthAdmin @script:call }
        $after500 = ResidentMb
        $sw = [Diagnostics.Stopwatch]::StartNew()
        1..10000 | ForEach-Object { $null = Start-CGIPAuthAdmin @script:call }
        $sw.Stop()
        $after10500 = ResidentMb
        Write-Host ("      soak: resident {0} MB after 500 calls, {1} MB after 10,500 (growth {2} MB); {3:n0} calls/s against a canned loopback server" -f `
                $after500, $after10500, [math]::Round($after10500 - $after500, 1), (10000 / $sw.Elapsed.TotalSeconds))
        ($after10500 - $after500) | Should -BeLessThan 16
    }
}
