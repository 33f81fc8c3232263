# No failure hands a secret back: every failure path we can produce runs in a child pwsh with all streams
# on, and each of its distinct sentinel secrets (password, tokens, session, AWS secret key, session token,
# client secret and its SECRET_HASH, device password, TOTP secret) is searched for in everything captured:
# the six streams, $Error[0] | Format-List * -Force, every inner exception's ToString(), $AWSHistory as JSON,
# and the child's stdout and stderr. Each case also checks that its failure did happen and is explained.
# The password, client secret and device password end in characters that JSON-escaping and URL-encoding
# change, and each sentinel's leading letters and digits are searched for too, also with line breaks taken
# out: an escaped, encoded, folded or partly scrubbed copy leaks them as surely as a verbatim one.
BeforeDiscovery {
    $script:serviceCases = @(
        @{ Path = 'a 200 whose ExpiresIn is a string'; Mode = 'body'; Status = 200; Body = 'wrong-type'; Cmdlet = 'Start'
           Expect = 'sent a response that could not be read \(HTTP 200, request id hostile-body\): member AuthenticationResult.ExpiresIn should be a 32-bit integer but is a string' }
        @{ Path = 'a 200 whose IdToken is an object'; Mode = 'body'; Status = 200; Body = 'token-object'; Cmdlet = 'Send'
           Expect = 'member AuthenticationResult.IdToken should be an object|member AuthenticationResult.IdToken should be a string but is an object' }
        @{ Path = 'a 200 cut short by a proxy (honest Content-Length)'; Mode = 'body'; Status = 200; Body = 'truncated'; Cmdlet = 'Start'
           Expect = 'its body stops after \d+ bytes, in the middle of the JSON document \(cut short\)' }
        @{ Path = 'a malformed 200 (missing comma)'; Mode = 'body'; Status = 200; Body = 'malformed'; Cmdlet = 'Start'
           Expect = 'its body is not JSON \(syntax error at line 1, column \d+\)' }
        @{ Path = 'an HTML 200 quoting the tokens'; Mode = 'body'; Status = 200; Body = 'html'; Cmdlet = 'Send'
           Expect = 'its body is not JSON' }
        @{ Path = 'a connection cut mid-body'; Mode = 'cut'; Status = 200; Body = 'good'; Cmdlet = 'Start'
           Expect = 'the connection broke while its body was being read' }
        @{ Path = 'a 400 echoing the request headers and body'; Mode = 'echo-json'; Status = 400; Body = 'error400'; Cmdlet = 'Start'
           Expect = '^Invalid parameters\.$' }
        @{ Path = 'a 400 echoing a device-SRP request'; Mode = 'echo-json'; Status = 400; Body = 'error400'; Cmdlet = 'SendDevice'
           Expect = '^Invalid parameters\.$' }
        @{ Path = 'a 500 echoing the request'; Mode = 'echo-json'; Status = 500; Body = 'error500'; Cmdlet = 'Send'
           Expect = '^Internal error\.$' }
        @{ Path = 'a 502 HTML page quoting the raw request'; Mode = 'echo-html'; Status = 502; Body = 'good'; Cmdlet = 'Start'
           Expect = '.' }
        # A gateway quoting the request where the module reads it; the error keeps naming its code, status, request id.
        foreach ($echo in 'echo-message', 'echo-escaped', 'echo-urlencoded', 'echo-folded') {
            foreach ($cmdlet in 'Start', 'Send', 'SendDevice') {
                @{ Path = "a 400 quoting the request in its message ($echo, $cmdlet)"; Mode = $echo; Status = 400; Body = 'error400'; Cmdlet = $cmdlet
                   Expect = '(?s)^bad request: .*\(redacted\)'; Code = 'InvalidParameterException'; RequestId = "hostile-$echo" }
            }
        }
        foreach ($cmdlet in 'Start', 'Send', 'SendDevice') {
            @{ Path = "a 400 whose __type is the request ($cmdlet)"; Mode = 'echo-type'; Status = 400; Body = 'error400'; Cmdlet = $cmdlet
               Expect = '^Invalid parameters\.$'; Code = '^%7B.*\(redacted\)'; RequestId = 'hostile-echo-type' }
            @{ Path = "a 400 whose error type and request id headers are the request ($cmdlet)"; Mode = 'echo-header'; Status = 400; Body = 'error400'; Cmdlet = $cmdlet
               Expect = '^Invalid parameters\.$'; Code = '^%7B.*\(redacted\)'; RequestId = '^\{.*\(redacted\)' }
        }
        @{ Path = 'TLS with an untrusted self-signed certificate'; Mode = 'tls'; Status = 200; Body = 'good'; Cmdlet = 'Start'
           Expect = 'Could not reach the service endpoint https://127\.0\.0\.1:\d+: .*certificate' }
        @{ Path = 'a server that never answers (timeout)'; Mode = 'silent'; Status = 200; Body = 'good'; Cmdlet = 'Start'
           Expect = 'timed out' }
        @{ Path = 'a refused connection'; Mode = 'refused'; Status = 0; Body = 'good'; Cmdlet = 'Send'
           Expect = 'Could not reach the service endpoint http://127\.0\.0\.1:\d+: ' }
    )
    $script:localCases = @(
        @{ Path = 'a non-string AuthParameter value'; Expect = '^Unable to cast object of type'
           Command = 'Start-CGIPAuthAdmin c -UserPoolId us-east-1_p -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = "alice"; PASSWORD = @($PW) } -EndpointUrl http://127.0.0.1:9 -Region us-east-1 -AccessKey AKIDTEST -SecretKey $SK -SessionToken $ST' }
        @{ Path = 'a non-string ChallengeResponse value'; Expect = '^Unable to cast object of type'
           Command = 'Send-CGIPAuthChallengeResponseAdmin c -UserPoolId us-east-1_p -ChallengeName NEW_PASSWORD_REQUIRED -ChallengeResponse @{ USERNAME = "alice"; NEW_PASSWORD = [pscustomobject]@{ p = $PW } } -Session $SESS -EndpointUrl http://127.0.0.1:9 -Region us-east-1 -AccessKey AKIDTEST -SecretKey $SK' }
        @{ Path = 'Get-CGIPSecretHash with a client secret that is not a string'; Expect = 'ClientSecret'
           Command = 'Get-CGIPSecretHash -ClientId c -ClientSecret @($CS) -UserName alice' }
        @{ Path = 'Get-CGIPTotpCode with a secret that is not base32'; Expect = 'base32'
           Command = 'Get-CGIPTotpCode -Secret "$TOTP-1!"' }
        @{ Path = 'ConvertFrom-CGIPUnverifiedToken with a token that is not a JWT'; Expect = 'JWT'
           Command = 'ConvertFrom-CGIPUnverifiedToken -Token $AT' }
        @{ Path = 'ConvertFrom-CGIPUnverifiedToken with a JWT whose payload is not base64url'; Expect = 'base64'
           Command = 'ConvertFrom-CGIPUnverifiedToken -Token "eyJhbGciOiJub25lIn0.$AT!.sig"' }
        @{ Path = 'Get-CGIPSrpPasswordClaim with an unknown handle'; Expect = 'SRP handle'
           Command = 'Get-CGIPSrpPasswordClaim -Handle ffff -UserPoolId us-east-1_p -ChallengeParameter @{ SRP_B = "ab"; SALT = "01"; SECRET_BLOCK = "AA=="; USER_ID_FOR_SRP = "alice" } -Password $PW' }
        @{ Path = 'Get-CGIPSrpPasswordClaim with bad challenge parameters (SRP_B not hex)'; Expect = 'SRP_B|hexadecimal'
           Command = '$a = New-CGIPSrpA; Get-CGIPSrpPasswordClaim -Handle $a.Handle -UserPoolId us-east-1_p -ChallengeParameter @{ SRP_B = "$SESS"; SALT = "01"; SECRET_BLOCK = "AA=="; USER_ID_FOR_SRP = "alice" } -Password $PW' }
        @{ Path = 'Get-CGIPSrpPasswordClaim with a bad SECRET_BLOCK'; Expect = 'SECRET_BLOCK|base64'
           Command = '$a = New-CGIPSrpA; Get-CGIPSrpPasswordClaim -Handle $a.Handle -UserPoolId us-east-1_p -ChallengeParameter @{ SRP_B = "ab12"; SALT = "01"; SECRET_BLOCK = "$AT!"; USER_ID_FOR_SRP = "alice" } -Password $PW' }
        @{ Path = 'Get-CGIPSrpPasswordClaim with a password that is not a string'; Expect = 'Password'
           Command = '$a = New-CGIPSrpA; Get-CGIPSrpPasswordClaim -Handle $a.Handle -UserPoolId us-east-1_p -ChallengeParameter @{ SRP_B = "ab12"; SALT = "01"; SECRET_BLOCK = "AA=="; USER_ID_FOR_SRP = "alice" } -Password @($PW)' }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:python = Join-Path (Split-Path $PSScriptRoot -Parent) '.tools/venv/bin/python'
    $script:searched = 0; $script:paths = 0

    function script:New-Sentinels {
        <# Distinct secrets for one case; SECRET_HASH is derived from the client secret as the module sends it. #>
        $id = [guid]::NewGuid().ToString('N').Substring(0, 10)
        $odd = ' "q\/+&é€'
        $s = [ordered]@{ PW = "SNTLpw$id$odd"; AT = "SNTLat$id"; IT = "SNTLit$id"; RT = "SNTLrt$id"; SESS = "SNTLsess$id" + ('s' * 20)
            SK = "SNTLsk$id"; ST = "SNTLst$id"; CS = "SNTLcs$id$odd"; DP = "SNTLdp$id$odd"; TOTP = "SNTLTOTP$($id.ToUpper())" }
        $s.SECRETHASH = (Get-CGIPSecretHash -ClientId c -ClientSecret $s.CS -UserName alice)
        $s
    }

    function script:Get-Body([string] $Kind, $s) {
        # Ordered, so that the edits below find what they look for (ExpiresIn is never the first member).
        $result = [ordered]@{ AccessToken = $s.AT; ExpiresIn = 3600; TokenType = 'Bearer'; RefreshToken = $s.RT; IdToken = $s.IT }
        $good = ConvertTo-Json -Compress -InputObject ([ordered]@{ AuthenticationResult = $result; ChallengeParameters = @{}; Session = $s.SESS })
        switch ($Kind) {
            'good' { $good }
            'wrong-type' { $good -replace '"ExpiresIn":3600', '"ExpiresIn":"3600"' }
            'token-object' { $good -replace ('"IdToken":"' + $s.IT + '"'), ('"IdToken":{"value":"' + $s.IT + '"}') }
            'truncated' { $good.Substring(0, $good.IndexOf($s.RT) + 4) }
            'malformed' { $good -replace ',"ExpiresIn"', ' "ExpiresIn"' }
            'html' { "<html><body>tokens: $($s.AT) $($s.IT) $($s.RT)</body></html>" }
            'error400' { '{"__type":"InvalidParameterException","message":"Invalid parameters."}' }
            'error500' { '{"__type":"InternalErrorException","message":"Internal error."}' }
        }
    }

    function script:Get-CaseCommand([string] $Kind) {
        $common = '-EndpointUrl $URL -Region us-east-1 -AccessKey AKIDTEST -SecretKey $SK -SessionToken $ST -ClientSecret $CS -ClientConfig @{ MaxErrorRetry = 0; Timeout = [timespan]"0:0:1" }'
        switch ($Kind) {
            'Start' { 'Start-CGIPAuthAdmin c -UserPoolId us-east-1_pool -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = "alice"; PASSWORD = $PW } -Verbose -Debug ' + $common }
            'Send' { 'Send-CGIPAuthChallengeResponseAdmin c -UserPoolId us-east-1_pool -ChallengeName NEW_PASSWORD_REQUIRED -ChallengeResponse @{ USERNAME = "alice"; NEW_PASSWORD = $PW } -Session $SESS -Verbose -Debug ' + $common }
            'SendDevice' { 'Send-CGIPAuthChallengeResponseAdmin c -UserPoolId us-east-1_pool -ChallengeName DEVICE_SRP_AUTH -ChallengeResponse @{ USERNAME = "alice"; DEVICE_KEY = "us-east-1_dev" } -Session $SESS -DeviceGroupKey grp -DevicePassword (ConvertTo-SecureString $DP -AsPlainText -Force) -Verbose -Debug ' + $common }
        }
    }

    function script:Invoke-Captured([string] $Command, $Sentinels) {
        <# Runs the command in a child pwsh; returns the child's report with its stdout and stderr added to the texts. #>
        $spec = Join-Path $TestDrive "spec-$([guid]::NewGuid()).json"
        $out = "$spec.out.json"
        ConvertTo-Json -Depth 5 -InputObject @{ module = $env:CGIP_TEST_MODULE; command = $Command; variables = $Sentinels } | Set-Content $spec
        $psi = [System.Diagnostics.ProcessStartInfo]::new($script:pwsh)
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'fixtures/capture_everything.ps1'), $spec, $out) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($psi)
        $stderr = $child.StandardError.ReadToEndAsync()
        $stdout = $child.StandardOutput.ReadToEnd()
        $child.WaitForExit(60000) | Should -BeTrue -Because 'the child pwsh ends'
        $report = Get-Content -Raw $out | ConvertFrom-Json
        $report.texts = @($report.texts) + $stdout + $stderr.Result
        $report
    }

    function script:Assert-NoSentinel($Report, $Sentinels) {
        $texts = @($Report.texts | Where-Object { $_ })
        $texts.Count | Should -BeGreaterThan 5 -Because 'streams, the error in full, its exceptions, $AWSHistory, stdout and stderr were captured'
        foreach ($text in $texts) {
            # Line breaks (raw or JSON-escaped) and the indentation after them taken out, as a folding proxy put them in.
            $unfolded = $text -replace '(\r?\n|\\r\\n|\\n)[ \t]*', ''
            foreach ($kv in $Sentinels.GetEnumerator()) {
                $head = [regex]::Match($kv.Value, '^[A-Za-z0-9]+').Value
                foreach ($needle in @($kv.Value) + @($head | Where-Object Length -GE 12)) {
                    if ($text.Contains($needle) -or $unfolded.Contains($needle)) { throw "the $($kv.Key) sentinel leaked into: $text" }
                }
            }
        }
        $script:searched += $texts.Count; $script:paths += 1
    }
}

AfterAll {
    Write-Host "SecretsNeverLeak: $script:searched captured texts searched over $script:paths failure paths, none held a sentinel"
}

Describe 'Service call failures hand back no secret' {
    It '<Path>' -ForEach $script:serviceCases {
        $s = New-Sentinels
        $bodyFile = Join-Path $TestDrive "body-$([guid]::NewGuid()).txt"
        [IO.File]::WriteAllText($bodyFile, (Get-Body $Body $s))
        $server = $null
        try {
            if ($Mode -eq 'refused') {
                $url = "http://127.0.0.1:$(Get-FreeTcpPort)"
            } else {
                $psi = [System.Diagnostics.ProcessStartInfo]::new($script:python)
                foreach ($a in (Join-Path $PSScriptRoot 'fixtures/hostile_server.py'), $Mode, "$Status", $bodyFile) { $psi.ArgumentList.Add($a) }
                $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
                $server = [pscustomobject]@{ Process = [System.Diagnostics.Process]::Start($psi) }
                $port = $server.Process.StandardOutput.ReadLine()
                $url = "$(if ($Mode -eq 'tls') { 'https' } else { 'http' })://127.0.0.1:$port"
            }
            $report = Invoke-Captured (Get-CaseCommand $Cmdlet) ($s + @{ URL = $url })
        } finally { Stop-TestServer $server }
        $report.errorCount | Should -BeGreaterThan 0 -Because 'the call failed'
        # First, so that a leak is reported as one rather than as a message that does not match.
        $s.URL = $null; $s.Remove('URL')
        Assert-NoSentinel $report $s
        $report.message | Should -Match $Expect
        if ($Code) {
            $report.statusCode | Should -Be $Status
            $report.errorCode | Should -Match $Code
            $report.requestId | Should -Match $RequestId
        }
        $report.texts | Where-Object { $_ -match 'DispatchFailure \{|ResponseError \{|raw: Response' } | Should -BeNullOrEmpty -Because 'no Debug dump of the SDK error'
    }
}

Describe 'Bad input to the cmdlets and helpers hands back no secret' {
    It '<Path>' -ForEach $script:localCases {
        $s = New-Sentinels
        $report = Invoke-Captured $Command $s
        $report.errorCount | Should -BeGreaterThan 0 -Because 'the input was refused'
        $report.message | Should -Match $Expect
        Assert-NoSentinel $report $s
    }
}
