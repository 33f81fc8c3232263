# Every kind of profile AWS users have, resolved by aws-config's providers from the environment the script
# sets with $env: (docs/credentials.md): assume-role and web identity against moto's STS, SSO against a
# portal stand-in with the token cache `aws sso login` writes, credential_process, and an HTTP proxy. Each
# test proves which credentials signed the Cognito call: the access key id in the Authorization header the
# recording endpoint received.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:python = Join-Path (Split-Path $PSScriptRoot -Parent) '.tools/venv/bin/python'
    $script:tokensBody = '{"AuthenticationResult":{"AccessToken":"canned.access.token","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}'
    $script:endpoint = Start-RecordingEndpoint -ResponseBody $script:tokensBody
    $script:sts = Start-MotoServer
    $script:ssoRecord = [System.IO.Path]::GetTempFileName()
    # Role credentials that expire 11 s after they are issued. The SDK's identity cache refreshes 10 s before
    # expiry, plus up to 5 s of jitter: between 1 s and 6 s after issue.
    $script:sso = Start-LoopbackFixture 'sso_portal.py' $script:ssoRecord 11
    $script:call = @{ ClientId = 'client-1'; UserPoolId = 'us-east-1_pool'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
        AuthParameter = @{ USERNAME = 'alice'; PASSWORD = 'Recorded-Pass-1!' }; EndpointUrl = $script:endpoint.Url; Region = 'us-east-1' }

    function Invoke-Signed([hashtable] $Extra = @{}) {
        <# One call to the recording endpoint; returns the access key id that signed it, or the error. #>
        $before = (Get-RecordedRequest $script:endpoint).Count
        $err = $null; $debug = @()
        try { $debug = @(Start-CGIPAuthAdmin @script:call @Extra -Debug -Verbose *>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message) }
        catch { $err = $_ }
        $requests = @(Get-RecordedRequest $script:endpoint)
        [pscustomobject]@{ AccessKeyId = if ($requests.Count -gt $before) { $requests[$before].AccessKeyId }; Error = $err; Debug = $debug }
    }

    function Set-AwsFiles([string] $Config = '', [string] $Credentials = '') {
        New-Item -ItemType Directory -Force (Join-Path $env:HOME '.aws') | Out-Null
        Set-Content (Join-Path $env:HOME '.aws/config') $Config
        Set-Content (Join-Path $env:HOME '.aws/credentials') $Credentials
    }

    function Write-SsoToken([string] $Key, [datetime] $ExpiresAt, [string] $AccessToken = 'cached-sso-access-token') {
        <# The cache file `aws sso login` writes: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json. #>
        $sha1 = [System.Security.Cryptography.SHA1]::HashData([System.Text.Encoding]::UTF8.GetBytes($Key))
        $name = -join ($sha1 | ForEach-Object { $_.ToString('x2') })
        $dir = Join-Path $env:HOME '.aws/sso/cache'
        New-Item -ItemType Directory -Force $dir | Out-Null
        @{ accessToken = $AccessToken; expiresAt = $ExpiresAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"); region = 'us-east-1'; startUrl = 'https://corp.awsapps.com/start' } |
            ConvertTo-Json | Set-Content (Join-Path $dir "$name.json")
    }
}

AfterAll {
    Stop-TestServer $script:endpoint; Stop-TestServer $script:sts; Stop-TestServer $script:sso
}

Describe 'credential sources the SDK resolves, from the environment the script sets' {
BeforeEach {
    # Each test gets its own HOME and no AWS_* or proxy variables from the machine; all restored afterwards.
    $script:savedEnv = @{ HOME = $env:HOME }
    Get-ChildItem env: | Where-Object { $_.Name -like 'AWS_*' -or $_.Name -match '^(https?|no|all)_proxy$' } |
        ForEach-Object { $script:savedEnv[$_.Name] = $_.Value; Remove-Item "env:$($_.Name)" }
    $env:HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $env:HOME | Out-Null
    $env:AWS_EC2_METADATA_DISABLED = 'true'
}

AfterEach {
    Get-ChildItem env: | Where-Object { $_.Name -like 'AWS_*' -or $_.Name -match '^(https?|no|all)_proxy$' } | ForEach-Object { Remove-Item "env:$($_.Name)" }
    foreach ($entry in $script:savedEnv.GetEnumerator()) { Set-Item "env:$($entry.Key)" $entry.Value }
}

Describe 'assume-role profiles (STS AssumeRole on moto, reached through AWS_ENDPOINT_URL_STS)' {
    It 'signs with the role credentials STS returned for role_arn + source_profile, not the source keys' {
        $env:AWS_ENDPOINT_URL_STS = $script:sts.Url
        Set-AwsFiles -Config @"
[profile deploy]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = base
external_id = ext-1234
role_session_name = cgip-tests
duration_seconds = 900
"@ -Credentials @"
[base]
aws_access_key_id = AKIDSOURCEBASE
aws_secret_access_key = base-secret-1111
"@
        $r = Invoke-Signed @{ ProfileName = 'deploy' }
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIA' -Because 'moto issues ASIA... keys for assumed roles'
        $r.AccessKeyId | Should -Not -Be 'AKIDSOURCEBASE'
        $r.Debug | Should -Contain "Credentials obtained from stored profile named 'deploy'"
    }

    It 'assumes the role with the environment keys for credential_source = Environment' {
        $env:AWS_ENDPOINT_URL_STS = $script:sts.Url
        $env:AWS_ACCESS_KEY_ID = 'AKIDFROMENVIRON'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-2222'
        Set-AwsFiles -Config "[profile envrole]`nrole_arn = arn:aws:iam::123456789012:role/env`ncredential_source = Environment`n"
        $r = Invoke-Signed @{ ProfileName = 'envrole' }
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIA'
    }

    It 'refuses a role that needs an MFA code, naming the profile, without calling anything' {
        Set-AwsFiles -Config "[profile mfa]`nrole_arn = arn:aws:iam::123456789012:role/r`nsource_profile = base`nmfa_serial = arn:aws:iam::123456789012:mfa/alice`n" `
            -Credentials "[base]`naws_access_key_id = AKIDSOURCEBASE`naws_secret_access_key = base-secret-1111`n"
        $r = Invoke-Signed @{ ProfileName = 'mfa' }
        $r.AccessKeyId | Should -BeNullOrEmpty
        $r.Error.Exception.Message | Should -BeLike "Profile 'mfa' assumes a role that needs an MFA code*"
        $r.Error.Exception.Message | Should -Not -Be 'No credentials specified or obtained from persisted/shell defaults.'
    }
}

Describe 'web identity (STS AssumeRoleWithWebIdentity on moto)' {
    It 'uses AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN set in the script when nothing earlier in the chain applies' {
        $env:AWS_ENDPOINT_URL_STS = $script:sts.Url
        $token = Join-Path $env:HOME 'token.jwt'; Set-Content $token 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.'
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $token; $env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/ci'
        $r = Invoke-Signed
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIA'
        $r.Debug | Should -Contain 'Credentials obtained from web identity token'
    }

    It 'uses the profile form (web_identity_token_file + role_arn), with the STS endpoint from the services section' {
        $token = Join-Path $env:HOME 'token.jwt'; Set-Content $token 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.'
        Set-AwsFiles -Config @"
[profile wid]
role_arn = arn:aws:iam::123456789012:role/ci
web_identity_token_file = $token
services = local-sts

[services local-sts]
sts =
  endpoint_url = $($script:sts.Url)
"@
        $r = Invoke-Signed @{ ProfileName = 'wid' }
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIA'
    }
}

Describe 'IAM Identity Center (SSO) profiles, from the token cache of aws sso login' {
    BeforeEach { $env:AWS_ENDPOINT_URL_SSO = $script:sso.Url }

    It 'signs with the role credentials of an sso_session profile' {
        Set-AwsFiles -Config @"
[profile corp]
sso_session = corp-sso
sso_account_id = 123456789012
sso_role_name = Admin

[sso-session corp-sso]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"@
        Write-SsoToken 'corp-sso' ([datetime]::UtcNow.AddHours(8))
        $r = Invoke-Signed @{ ProfileName = 'corp' }
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIASSO\d{4}$'
        $asked = Get-Content $script:ssoRecord | ConvertFrom-Json | Select-Object -Last 1
        $asked.account | Should -Be '123456789012'; $asked.role | Should -Be 'Admin'
    }

    It 'signs with the role credentials of a legacy sso_start_url profile named by AWS_PROFILE' {
        Set-AwsFiles -Config "[profile legacy]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = ReadOnly`n"
        Write-SsoToken 'https://corp.awsapps.com/start' ([datetime]::UtcNow.AddHours(8))
        $env:AWS_PROFILE = 'legacy'
        $r = Invoke-Signed
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Match '^ASIASSO\d{4}$'
        $r.Debug | Should -Contain "Credentials obtained from stored profile named 'legacy'"
    }

    It 'says to run aws sso login --profile NAME when the cached token has expired' {
        Set-AwsFiles -Config "[profile stale]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = ReadOnly`n"
        # The portal refuses an expired token with 401 UnauthorizedException (GetRoleCredentials API reference);
        # the stand-in refuses every token but the one it issued.
        Write-SsoToken 'https://corp.awsapps.com/start' ([datetime]::UtcNow.AddHours(-1)) -AccessToken 'expired-sso-access-token'
        $r = Invoke-Signed @{ ProfileName = 'stale' }
        $r.AccessKeyId | Should -BeNullOrEmpty
        $r.Error.Exception.Message | Should -BeLike "Credentials from profile 'stale' could not be obtained:*aws sso login --profile stale*"
    }

    It 'says to run aws sso login --profile NAME when there is no cached token' {
        Set-AwsFiles -Config "[profile never]`nsso_start_url = https://never.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = ReadOnly`n"
        $r = Invoke-Signed @{ ProfileName = 'never' }
        $r.Error.Exception.Message | Should -BeLike "*aws sso login --profile never*"
    }

    It 'reuses the role credentials across a pipeline and fetches a second set after the first expires' {
        Set-AwsFiles -Config "[profile long]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = Long`n"
        Write-SsoToken 'https://corp.awsapps.com/start' ([datetime]::UtcNow.AddHours(8))
        $before = (Get-RecordedRequest $script:endpoint).Count
        $call = $script:call.Clone(); $call.Remove('ClientId')
        # Records 1 and 2 at once; record 3 after the first set has come within the SDK's refresh margin.
        1..3 | ForEach-Object { if ($_ -eq 3) { Start-Sleep -Milliseconds 6500 }; "client-$_" } | Start-CGIPAuthAdmin @call -ProfileName long | Out-Null
        $keys = @(Get-RecordedRequest $script:endpoint | Select-Object -Skip $before | ForEach-Object AccessKeyId)
        $keys.Count | Should -Be 3
        $keys[1] | Should -Be $keys[0] -Because 'the client and its identity cache are reused within the pipeline'
        $keys[2] | Should -Not -Be $keys[0] -Because 'expired role credentials are fetched again'
    }
}

Describe 'credential_process' {
    It 'signs with the keys the program printed' {
        Set-AwsFiles -Config "[profile proc]`ncredential_process = `"$script:python`" `"$PSScriptRoot/fixtures/credential_process.py`" AKIDFROMPROCESS`n"
        $r = Invoke-Signed @{ ProfileName = 'proc' }
        $r.Error | Should -BeNullOrEmpty
        $r.AccessKeyId | Should -Be 'AKIDFROMPROCESS'
    }

    It 'names the profile when the program fails' {
        Set-AwsFiles -Config "[profile broken]`ncredential_process = `"$script:python`" `"$PSScriptRoot/fixtures/credential_process.py`" --fail`n"
        $r = Invoke-Signed @{ ProfileName = 'broken' }
        $r.AccessKeyId | Should -BeNullOrEmpty
        $r.Error.Exception.Message | Should -BeLike "Credentials from profile 'broken' could not be obtained:*"
    }
}

Describe 'the environment the script sets is the one the SDK reads' {
    It 'reads profiles from AWS_CONFIG_FILE set with $env: (not the process environment PowerShell started with)' {
        $file = Join-Path $env:HOME 'elsewhere-config'
        Set-Content $file "[default]`naws_access_key_id = AKIDCONFIGFILE`naws_secret_access_key = file-secret-3333`nregion = eu-west-3`n"
        $env:AWS_CONFIG_FILE = $file
        $call = $script:call.Clone(); $call.Remove('Region')
        $before = (Get-RecordedRequest $script:endpoint).Count
        Start-CGIPAuthAdmin @call | Out-Null
        $sent = @(Get-RecordedRequest $script:endpoint)[$before]
        $sent.AccessKeyId | Should -Be 'AKIDCONFIGFILE'
        $sent.Region | Should -Be 'eu-west-3'
    }

    It 'sends calls through the HTTP proxy set in $env:HTTP_PROXY, and past it for hosts in $env:NO_PROXY' {
        $proxyRecord = [System.IO.Path]::GetTempFileName()
        $proxy = Start-LoopbackFixture 'http_proxy.py' $proxyRecord
        try {
            $env:HTTP_PROXY = $proxy.Url
            $r = Invoke-Signed @{ AccessKey = 'AKIDVIAPROXY'; SecretKey = 'proxy-secret-4444' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDVIAPROXY'
            $seen = @(Get-Content $proxyRecord | Where-Object { $_ } | ConvertFrom-Json)
            $seen.Count | Should -Be 1
            $seen[0].target | Should -Be "$($script:endpoint.Url)/"
            $env:NO_PROXY = '127.0.0.1'
            (Invoke-Signed @{ AccessKey = 'AKIDDIRECT'; SecretKey = 'proxy-secret-4444' }).AccessKeyId | Should -Be 'AKIDDIRECT'
            @(Get-Content $proxyRecord | Where-Object { $_ }).Count | Should -Be 1
        } finally { Stop-TestServer $proxy }
    }

    It 'tunnels an https call through the proxy in $env:HTTPS_PROXY with CONNECT, to an endpoint the host trusts' {
        # The TLS endpoint makes its certificate at start-up. A child pwsh trusts it through SSL_CERT_FILE, which
        # rustls-native-certs reads from the process environment when the native library builds its HTTPS client.
        $body = Join-Path $TestDrive 'tokens.json'
        Set-Content $body $script:tokensBody -NoNewline
        $cert = Join-Path $TestDrive 'endpoint.pem'
        $tls = Start-LoopbackFixture 'hostile_server.py' 'tls' '200' $body $cert
        $proxyRecord = [System.IO.Path]::GetTempFileName()
        $proxy = Start-LoopbackFixture 'http_proxy.py' $proxyRecord
        $savedCertFile = $env:SSL_CERT_FILE
        try {
            $env:HTTPS_PROXY = $proxy.Url
            $env:SSL_CERT_FILE = $cert
            $call = "Import-Module '$env:CGIP_TEST_MODULE'; (Start-CGIPAuthAdmin client-1 -UserPoolId us-east-1_pool " +
                "-AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = 'alice'; PASSWORD = 'Recorded-Pass-1!' } " +
                "-EndpointUrl 'https://127.0.0.1:$($tls.Port)' -Region us-east-1 -AccessKey AKIDTUNNEL -SecretKey tunnel-secret-5555).AuthenticationResult.AccessToken"
            $out = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $call 2>&1 | ForEach-Object { "$_" }
            $out | Should -Contain 'canned.access.token' -Because "the call answered through the tunnel ($out)"
            $seen = @(Get-Content $proxyRecord | Where-Object { $_ } | ConvertFrom-Json)
            $seen.method | Should -Be @('CONNECT')
            $seen.target | Should -Be @("127.0.0.1:$($tls.Port)")
        } finally {
            $env:SSL_CERT_FILE = $savedCertFile
            Stop-TestServer $proxy; Stop-TestServer $tls
        }
    }
}
}
