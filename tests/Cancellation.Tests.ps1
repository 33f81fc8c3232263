# Ctrl+C, Stop-Job and pipeline stops must end a call in flight promptly, whatever the server does.
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    # A server that accepts connections and never answers: only cancellation or a timeout can end the call.
    $script:listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $script:listener.Start()
    $script:url = "http://127.0.0.1:$($script:listener.LocalEndpoint.Port)"
}

AfterAll {
    $script:listener.Stop()
}

Describe 'Stopping a call in flight' {
    It 'ends within a second when the PowerShell instance is stopped (Ctrl+C)' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $url)
                Import-Module $module
                Start-CGIPAuthAdmin 'client' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                    -EndpointUrl $url -Region us-east-1 -AccessKey AKIDTEST -SecretKey secret
            }).AddArgument($env:CGIP_TEST_MODULE).AddArgument($script:url)
            $async = $ps.BeginInvoke()
            # Let the module load and the request reach the silent server.
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not $script:listener.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $script:listener.Pending() | Should -BeTrue -Because 'the request must be in flight before we stop it'
            Start-Sleep -Milliseconds 200
            $async.IsCompleted | Should -BeFalse

            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 1
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally {
            $ps.Dispose()
            while ($script:listener.Pending()) { $script:listener.AcceptTcpClient().Dispose() }
        }
    }

    It 'ends a background job promptly with Stop-Job' -Tag NotUnderWine {
        $job = Start-ThreadJob -ScriptBlock {
            param($module, $url)
            Import-Module $module
            Start-CGIPAuthAdmin 'client' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -EndpointUrl $url -Region us-east-1 -AccessKey AKIDTEST -SecretKey secret
        } -ArgumentList $env:CGIP_TEST_MODULE, $script:url
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not $script:listener.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $script:listener.Pending() | Should -BeTrue -Because 'the request must be in flight before we stop it'
            Start-Sleep -Milliseconds 200
            $job.State | Should -Be 'Running'
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $job | Stop-Job
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 1
            $job.State | Should -Be 'Stopped'
        } finally {
            $job | Remove-Job -Force
            while ($script:listener.Pending()) { $script:listener.AcceptTcpClient().Dispose() }
        }
    }
}
