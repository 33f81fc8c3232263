# 10,500 calls through the module in one process: resident memory must stay flat. The bound is 3,000 bytes per
# call over the last 5,000 calls (15 MB), so keeping any one response, as the native buffer (~3.7 KB of tokens
# here) or as managed strings (twice that in UTF-16), fails; the first 5,500 calls let the GC heap and the
# runtime reach their working size. Residual growth below the bound (~1.4 KB per call measured on 2 shared
# cores) is not explained yet. The numbers are printed for the record.
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
        1..5000 | ForEach-Object { $null = Start-CGIPAuthAdmin @script:call }
        $after5500 = ResidentMb
        1..5000 | ForEach-Object { $null = Start-CGIPAuthAdmin @script:call }
        $sw.Stop()
        $after10500 = ResidentMb
        $bytesPerCall = ($after10500 - $after5500) * 1MB / 5000
        Write-Host ("      soak: resident {0} MB after 500 calls, {1} MB after 5,500, {2} MB after 10,500 ({3:n0} bytes per call over the last 5,000); {4:n0} calls/s against a canned loopback server" -f `
                $after500, $after5500, $after10500, $bytesPerCall, (10000 / $sw.Elapsed.TotalSeconds))
        $bytesPerCall | Should -BeLessThan 3000
    }
}
