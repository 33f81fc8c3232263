# Every request envelope the module writes (it holds passwords, the client secret, -SecretKey and
# -SessionToken) is wiped once the call is over, whichever way the call ends. A test-only probe in
# NativeRequest sees each envelope as it is made; after the call every byte it saw must be zero. The response
# side is Rust's (cgip_buffer_free zeroizes; native/src/ffi.rs) and the helpers read it in place.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:moto = Start-MotoServer
    $script:motoConn = Get-TestConnection $script:moto
    $script:pool = New-TestUserPool $script:moto

    $assembly = (Get-Command Start-CGIPAuthAdmin).ImplementingType.Assembly
    $script:request = $assembly.GetType('CognitoAdminAuth.Native.NativeRequest')
    $script:probe = $script:request.GetField('WipeProbe', [Reflection.BindingFlags]'NonPublic, Static')
    # A thread-safe list as the probe: the cancellation case writes its envelope on another runspace's thread.
    $script:seen = [System.Collections.Concurrent.ConcurrentQueue[byte[]]]::new()
    $script:probe.SetValue($null, [Delegate]::CreateDelegate([Action[byte[]]], $script:seen, 'Enqueue'))

    function script:Assert-AllWiped([int] $AtLeast) {
        $envelopes = @($script:seen.ToArray())
        $envelopes.Count | Should -BeGreaterOrEqual $AtLeast -Because 'the probe must have seen the call''s envelopes'
        foreach ($e in $envelopes) {
            $e.Length | Should -BeGreaterThan 0
            @($e | Where-Object { $_ -ne 0 }).Count | Should -Be 0 -Because 'an envelope kept bytes after its call'
        }
    }
}

AfterAll {
    $script:probe.SetValue($null, $null)
    Stop-TestServer $script:moto
}

Describe 'Request envelopes are wiped on every path' {
    BeforeEach {
        $script:seen.Clear()
    }

    It 'after a sign-in that succeeds' {
        $signIn = Get-TestSignIn $script:pool
        (Start-CGIPAuthAdmin @signIn @script:motoConn).AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        Assert-AllWiped -AtLeast 1
    }

    It 'after a service error (wrong password)' {
        $signIn = Get-TestSignIn $script:pool
        $signIn.AuthParameter = @{ USERNAME = $script:pool.UserName; PASSWORD = 'Wrong-Password-1!' }
        { Start-CGIPAuthAdmin @signIn @script:motoConn } | Should -Throw -ErrorId 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException,*'
        Assert-AllWiped -AtLeast 1
    }

    It 'after a transport error (connection refused)' {
        { Start-CGIPAuthAdmin c -UserPoolId us-east-1_p -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = 'u'; PASSWORD = 'Pw-1!' } `
                -EndpointUrl "http://127.0.0.1:$(Get-FreeTcpPort)" -Region us-east-1 -AccessKey AKIDTEST -SecretKey s -SessionToken st } |
            Should -Throw -ErrorId 'System.Net.Http.HttpRequestException,*'
        Assert-AllWiped -AtLeast 1
    }

    It 'when a connection is answered from the pipeline''s cache (a record that goes back to an earlier session token)' {
        # Keys given but no region: the native core resolves the region (AWS_REGION here) from an envelope that
        # holds the keys. -WhatIf resolves each record's connection and sends nothing; the third record binds the
        # first one's keys again, and its connection comes from the pipeline's cache.
        $env:AWS_REGION = 'us-east-1'
        try {
            $records = 'session-token-a', 'session-token-b', 'session-token-a' | ForEach-Object {
                [pscustomobject]@{ ClientId = 'c'; UserPoolId = 'us-east-1_p'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; SessionToken = $_ }
            }
            $records | Start-CGIPAuthAdmin -AccessKey AKIDTEST -SecretKey 'secret-key-in-the-envelope' -WhatIf 6>$null
        } finally {
            Remove-Item Env:AWS_REGION
        }
        Assert-AllWiped -AtLeast 3
    }

    It 'when the call is cancelled (the PowerShell instance is stopped mid-call)' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $url)
                Import-Module $module
                Start-CGIPAuthAdmin 'client' -UserPoolId 'us-east-1_p' -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = 'u'; PASSWORD = 'Pw-1!' } `
                    -EndpointUrl $url -Region us-east-1 -AccessKey AKIDTEST -SecretKey secret
            }).AddArgument($env:CGIP_TEST_MODULE).AddArgument("http://127.0.0.1:$($listener.LocalEndpoint.Port)")
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not $listener.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $listener.Pending() | Should -BeTrue -Because 'the request must be in flight before we stop it'
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally {
            $ps.Dispose()
            $listener.Stop()
        }
        Assert-AllWiped -AtLeast 1
    }

    It 'after a building block answers (Get-CGIPSecretHash, New-CGIPDeviceVerifier) and when it fails (Get-CGIPTotpCode)' {
        Get-CGIPSecretHash -ClientId c -ClientSecret 'client-secret-1' -UserName u | Should -Not -BeNullOrEmpty
        (New-CGIPDeviceVerifier -DeviceGroupKey g -DeviceKey 'us-east-1_k').DevicePassword | Should -BeOfType [securestring]
        { Get-CGIPTotpCode -Secret 'not base32!' } | Should -Throw
        Assert-AllWiped -AtLeast 3
    }

    It 'control: an envelope that no call consumed is seen unwiped, so the check above can fail' {
        $local = $script:request.GetMethod('Local', [Reflection.BindingFlags]'NonPublic, Public, Static')
        $secretHash = [Activator]::CreateInstance($script:request.Assembly.GetType('CognitoAdminAuth.Native.Contract.SecretHashInput'))
        $secretHash.GetType().GetProperty('ClientSecret').SetValue($secretHash, 'unconsumed-secret')
        $envelope = $local.Invoke($null, @('SecretHash', $secretHash))
        @($script:seen.ToArray()).Count | Should -Be 1
        { Assert-AllWiped -AtLeast 1 } | Should -Throw -ExpectedMessage '*an envelope kept bytes after its call*'
        [Array]::Clear($envelope, 0, $envelope.Length)
    }
}
