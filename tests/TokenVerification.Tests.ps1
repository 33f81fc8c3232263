# Confirm-CGIPToken as a user relies on it: the tokens of a real sign-in (tests/fixtures/journey_server.py, which
# issues RS256 tokens with Cognito's claims and serves the pool's JWKS) verify, with every claim handed back; each
# check refuses with its own error id and a message that names the check and holds no part of the token (tokens
# signed by keys this suite makes, tests/fixtures/jwt_tool.py, checked offline with -JwksPath); the JWKS is fetched
# once, kept, fetched again for a rotated key and not again for a made-up kid; the fetch goes through the script's
# $env:HTTP_PROXY and past it for $env:NO_PROXY; bad input is refused before anything is fetched.
#
# The JWKS cache is per process and keyed by URL: every case that counts fetches uses a URL no other case uses (a
# fresh journey_server.py on its own port, or its own path on jwt_tool.py's JWKS server).
BeforeDiscovery {
    # Each check, the token that fails it (made in BeforeAll), what is added to the call, the error id it gives and
    # what its message must say (a regex). ValidAtHours: -ValidAt that many hours from now.
    $script:refusals = @(
        @{ Case = 'a payload changed after signing (valid JSON, another user and group, the original signature)'; Token = 'tampered'
           Code = 'JwtInvalidSignature'; Says = "signature is not valid under the key tv-key-1" }
        @{ Case = 'a token signed by another key that names the same kid'; Token = 'impostor'
           Code = 'JwtInvalidSignature'; Says = "signature is not valid under the key tv-key-1" }
        @{ Case = 'an expired token'; Token = 'expired'; Code = 'JwtExpired'; Says = 'The token expired at \d{4}-\d\d-\d\dT' }
        @{ Case = 'an expired token with less -GraceSeconds than it is late'; Token = 'expired'; Extra = @{ GraceSeconds = 60 }
           Code = 'JwtExpired'; Says = 'expired at .*with 60 s of grace' }
        @{ Case = 'a fresh token checked -ValidAt a moment after its exp'; Token = 'id'; ValidAtHours = 2
           Code = 'JwtExpired'; Says = 'The token expired at' }
        @{ Case = 'a token whose nbf is in the future'; Token = 'notYet'; Code = 'JwtNotBefore'; Says = 'not valid before \d{4}-' }
        @{ Case = 'a token of another user pool'; Token = 'otherPool'; Code = 'JwtInvalidIssuer'
           Says = "issuer is https://cognito-idp\.eu-west-1\.amazonaws\.com/eu-west-1_OtherPool9; expected one of https://cognito-idp\.eu-west-1\.amazonaws\.com/eu-west-1_OwnKeys7" }
        @{ Case = "a token naming the pool's id under another Region's issuer"; Token = 'otherRegion'; Code = 'JwtInvalidIssuer'
           Says = 'issuer is https://cognito-idp\.us-east-1\.amazonaws\.com/eu-west-1_OwnKeys7; expected' }
        @{ Case = 'a token of an issuer that is not Cognito'; Token = 'foreignIssuer'; Code = 'JwtInvalidIssuer'; Says = 'issuer is https://login\.example\.test/' }
        @{ Case = 'a token without an issuer'; Token = 'noIssuer'; Code = 'JwtInvalidIssuer'; Says = 'has no issuer \(iss\)' }
        @{ Case = 'an ID token issued to another app client (aud)'; Token = 'idOtherClient'; Code = 'JwtInvalidAudience'
           Says = "ID token's client id \(aud\) is someone-else; expected own-app" }
        @{ Case = 'an access token issued to another app client (client_id)'; Token = 'accessOtherClient'; Code = 'JwtInvalidAudience'
           Says = "access token's client id \(client_id\) is someone-else; expected own-app" }
        @{ Case = 'a token whose client is none of several -ClientId'; Token = 'id'; Extra = @{ ClientId = 'app-a', 'app-b' }; Code = 'JwtInvalidAudience'
           Says = 'is own-app; expected one of app-a, app-b' }
        @{ Case = 'an access token where -TokenUse id is asked for'; Token = 'access'; Extra = @{ TokenUse = 'id' }; Code = 'JwtInvalidTokenUse'
           Says = 'token_use is access; expected id' }
        @{ Case = 'an ID token where -TokenUse access is asked for'; Token = 'id'; Extra = @{ TokenUse = 'access' }; Code = 'JwtInvalidTokenUse'
           Says = 'token_use is id; expected access' }
        @{ Case = 'a token_use that is neither id nor access'; Token = 'refreshUse'; Code = 'JwtInvalidTokenUse'; Says = 'token_use is refresh; expected id or access' }
        @{ Case = 'cognito:groups holding none of -Group'; Token = 'id'; Extra = @{ Group = 'admins', 'auditors' }; Code = 'JwtInvalidGroup'
           Says = 'cognito:groups is staff; expected one of admins, auditors' }
        @{ Case = 'no cognito:groups where -Group is asked for'; Token = 'noGroups'; Extra = @{ Group = 'staff' }; Code = 'JwtInvalidGroup'
           Says = 'has no cognito:groups; expected staff' }
        @{ Case = 'a scope holding none of -Scope'; Token = 'access'; Extra = @{ Scope = 'orders/write' }; Code = 'JwtInvalidScope'
           Says = 'scope is aws\.cognito\.signin\.user\.admin, orders/read; expected orders/write' }
        @{ Case = 'an ID token (no scope) where -Scope is asked for'; Token = 'id'; Extra = @{ Scope = 'orders/read' }; Code = 'JwtInvalidScope'
           Says = 'has no scope; expected orders/read' }
        @{ Case = 'alg none with the empty signature of an unsecured JWT (not a JWS: a parse error, as in aws-jwt-verify)'; Token = 'algNone'
           Code = 'JwtParseError'; Says = 'not a JWT: each of its 3 parts must be non-empty' }
        @{ Case = 'alg none with a signature part'; Token = 'algNoneSigned'; Code = 'JwtInvalidAlgorithm'; Says = 'signature algorithm is none; only RS256 is accepted' }
        @{ Case = 'HS256 keyed with the public key (algorithm confusion)'; Token = 'hs256'; Code = 'JwtInvalidAlgorithm'; Says = 'signature algorithm is HS256; only RS256 is accepted' }
        @{ Case = 'a header without kid'; Token = 'noKid'; Code = 'JwtWithoutValidKid'; Says = 'has no key id \(kid\)' }
        @{ Case = 'a kid the JWKS does not hold'; Token = 'unknownKid'; Code = 'JwtUnknownKid'; Says = 'key tv-key-404 the token names is not in the JWKS' }
        @{ Case = 'a string that is not a JWT at all'; Token = 'notJwt'; Code = 'JwtParseError'; Says = 'not a JWT: a JWT has 3 dot-separated parts .* this has 1' }
        @{ Case = 'three base64url parts that are not JSON'; Token = 'threeParts'; Code = 'JwtParseError'; Says = 'The token is not a JWT' }
    ) | ForEach-Object { $case = @{ Extra = @{}; ValidAtHours = $null }; foreach ($k in $_.Keys) { $case[$k] = $_[$k] }; $case }
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:python = Join-Path (Split-Path $PSScriptRoot -Parent) '.tools/venv/bin/python'
    $script:servers = [System.Collections.Generic.List[object]]::new()

    # No proxy of the machine's may stand between the module and loopback; put back in AfterAll.
    $script:machineProxy = @{}
    Get-ChildItem env: | Where-Object { $_.Name -match '^(https?|no|all)_proxy$' } |
        ForEach-Object { $script:machineProxy[$_.Name] = $_.Value; Remove-Item "env:$($_.Name)" }

    # The journey_server.py pool: no MFA, two app clients, a user in two groups.
    $script:journeyPool = 'eu-west-2_TokVerif1'
    $script:journeyIssuer = "https://cognito-idp.eu-west-2.amazonaws.com/$($script:journeyPool)"
    $script:journeyClient = 'tv-app'
    $script:journeyPassword = 'Gina-Passw0rd!'

    # The pool the suite's own key signs for.
    $script:ownPool = 'eu-west-1_OwnKeys7'
    $script:ownIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/$($script:ownPool)"
    $script:ownClient = 'own-app'

    function script:Start-Tracked([string] $Script, [string[]] $Arguments) {
        <# A loopback fixture that the top-level AfterAll stops even when a test failed before its own cleanup. #>
        $server = Start-LoopbackFixture $Script @Arguments
        $script:servers.Add($server)
        $server
    }

    function script:Start-Journey {
        <# A fresh journey_server.py: a JWKS URL no other case has used, and a fetch count of 0. #>
        $config = Join-Path $TestDrive "journey-$([guid]::NewGuid().ToString('n')).json"
        ConvertTo-Json -Depth 10 -InputObject @{
            poolId = $script:journeyPool; mfa = 'OFF'
            clients = @(@{ id = $script:journeyClient }, @{ id = 'tv-other' })
            users = @(@{ username = 'gina'; password = $script:journeyPassword; email = 'gina@example.com'; groups = @('admins', 'readers') })
        } | Set-Content -Path $config -Encoding utf8
        Start-Tracked 'journey_server.py' @($config)
    }

    function script:Get-SignIn($Journey) {
        <# The AuthenticationResult of an ADMIN_USER_PASSWORD_AUTH sign-in of the pool's user. #>
        $connection = Get-TestConnection $Journey
        (Start-CGIPAuthAdmin $script:journeyClient -UserPoolId $script:journeyPool -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = 'gina'; PASSWORD = $script:journeyPassword } @connection).AuthenticationResult
    }

    function script:Get-JwksCount($Journey) { (Invoke-RestMethod -Uri "$($Journey.Url)/_fixture/jwks-requests").count }

    function script:Get-JourneyJwksUri($Journey) { "$($Journey.Url)/$($script:journeyPool)/.well-known/jwks.json" }

    function script:ConvertFrom-Base64Url([string] $Part) {
        $s = $Part.Replace('-', '+').Replace('_', '/')
        $s += '=' * ((4 - $s.Length % 4) % 4)
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s)) | ConvertFrom-Json -AsHashtable
    }

    function script:Invoke-Confirm([hashtable] $Parameters) {
        <#
        Confirm-CGIPToken with -Verbose -Debug and every other stream on, as a user debugging a refusal would.
        Returns the output, the error (or $null) and every text a user could see: each stream's records as
        displayed, and the error's message, ToString(), ErrorDetails, Format-List * -Force and each exception.
        #>
        $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
        $items = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        try { Confirm-CGIPToken @Parameters -Verbose -Debug *>&1 | ForEach-Object { $items.Add($_) } } catch { $failure = $_ }
        $texts = [System.Collections.Generic.List[string]]::new()
        foreach ($item in $items) {
            $texts.Add(($item | Out-String -Width 100000))
            if ($item -is [System.Management.Automation.ErrorRecord]) { $texts.Add(($item | Format-List * -Force | Out-String -Width 100000)) }
        }
        if ($failure) {
            $texts.Add($failure.Exception.Message)
            $texts.Add($failure.ToString())
            $texts.Add("$($failure.ErrorDetails)")
            if ($failure.ErrorDetails) { $texts.Add("$($failure.ErrorDetails.Message) $($failure.ErrorDetails.RecommendedAction)") }
            $texts.Add("$($failure.TargetObject)")
            $texts.Add($failure.CategoryInfo.ToString())
            $texts.Add($failure.FullyQualifiedErrorId)
            $texts.Add(($failure | Out-String -Width 100000))
            $texts.Add(($failure | Format-List * -Force | Out-String -Width 100000))
            for ($e = $failure.Exception; $e; $e = $e.InnerException) {
                $texts.Add($e.ToString())
                $texts.Add(($e | Format-List * -Force | Out-String -Width 100000))
            }
        }
        [pscustomobject]@{
            Output = @($items | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_.PSObject.TypeNames -contains 'CognitoAdminAuth.VerifiedToken' })
            Records = @($items); Error = $failure; Texts = @($texts)
        }
    }

    function script:Find-TokenPart([string] $Token, [string[]] $Texts) {
        <# Where the token, or any of its three dot-separated parts, shows in the texts (also with white space taken out). #>
        $token = $Token.Trim()
        $secrets = @($token) + @($token.Split('.') | Where-Object { $_.Length -ge 4 })
        foreach ($text in $Texts | Where-Object { $_ }) {
            $joined = $text -replace '\s', ''
            foreach ($secret in $secrets) {
                if ($text.Contains($secret) -or $joined.Contains($secret)) {
                    "a part of $($secret.Length) characters shows in: $($text.Substring(0, [Math]::Min(300, $text.Length)))"
                }
            }
        }
    }

    function script:Assert-Refused($Result, [string] $Code, [string] $Says, [string] $Token) {
        <# A verification failure: SecurityError, id starting with the check's code, message naming it, no part of the token anywhere. #>
        $Result.Output | Should -BeNullOrEmpty -Because 'a token that fails a check yields no claims'
        $Result.Error | Should -Not -BeNullOrEmpty -Because "$Code expected"
        $Result.Error.FullyQualifiedErrorId | Should -BeLike "$Code,*"
        $Result.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::SecurityError)
        $Result.Error.Exception | Should -BeOfType ([System.Security.Authentication.AuthenticationException])
        $Result.Error.Exception.Message | Should -Match $Says
        Find-TokenPart $Token $Result.Texts | Should -BeNullOrEmpty -Because 'no error or stream may show the token or any part of it'
    }

    # The keys this suite controls, the JWKS of the own pool, and every token the cases need.
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $script:now = $now
    $idClaims = [ordered]@{
        sub = '7d0e3c2a-0000-4000-8000-000000000001'; iss = $script:ownIssuer; aud = $script:ownClient; token_use = 'id'
        'cognito:username' = 'olga'; email = 'olga@example.com'; email_verified = $true; 'cognito:groups' = @('staff')
        auth_time = $now - 60; iat = $now - 60; exp = $now + 3600; jti = 'jti-id-1'
    }
    $accessClaims = [ordered]@{
        sub = '7d0e3c2a-0000-4000-8000-000000000001'; iss = $script:ownIssuer; client_id = $script:ownClient; token_use = 'access'
        scope = 'aws.cognito.signin.user.admin orders/read'; 'cognito:groups' = @('staff'); username = 'olga'
        auth_time = $now - 60; iat = $now - 60; exp = $now + 3600; jti = 'jti-access-1'
    }
    function script:With($Claims, [hashtable] $Changes) {
        $copy = [ordered]@{}; foreach ($k in $Claims.Keys) { $copy[$k] = $Claims[$k] }
        foreach ($k in $Changes.Keys) { if ($null -eq $Changes[$k]) { $copy.Remove($k) } else { $copy[$k] = $Changes[$k] } }
        $copy
    }
    $tokens = @{
        id                = @{ claims = $idClaims }
        access            = @{ claims = $accessClaims }
        multiRegion       = @{ claims = (With $accessClaims @{ iss = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/$($script:ownPool)" }) }
        ownIssuer         = @{ claims = (With $accessClaims @{ iss = 'https://login.example.test/tenants/own' }) }
        tampered          = @{ claims = $accessClaims; tamper = @{ username = 'mallory'; 'cognito:groups' = @('admins') } }
        impostor          = @{ key = 'impostor'; claims = $accessClaims }
        expired           = @{ claims = (With $accessClaims @{ iat = $now - 4200; auth_time = $now - 4200; exp = $now - 600 }) }
        notYet            = @{ claims = (With $accessClaims @{ nbf = $now + 600 }) }
        otherPool         = @{ claims = (With $accessClaims @{ iss = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool9' }) }
        otherRegion       = @{ claims = (With $accessClaims @{ iss = "https://cognito-idp.us-east-1.amazonaws.com/$($script:ownPool)" }) }
        foreignIssuer     = @{ claims = (With $accessClaims @{ iss = 'https://login.example.test/tenants/own' }) }
        noIssuer          = @{ claims = (With $accessClaims @{ iss = $null }) }
        idOtherClient     = @{ claims = (With $idClaims @{ aud = 'someone-else' }) }
        accessOtherClient = @{ claims = (With $accessClaims @{ client_id = 'someone-else' }) }
        refreshUse        = @{ claims = (With $accessClaims @{ token_use = 'refresh' }) }
        noGroups          = @{ claims = (With $idClaims @{ 'cognito:groups' = $null }) }
        algNone           = @{ alg = 'none'; signature = 'empty'; claims = $accessClaims }
        algNoneSigned     = @{ alg = 'none'; signature = 'rs256'; claims = $accessClaims }
        hs256             = @{ alg = 'HS256'; claims = $accessClaims }
        noKid             = @{ header = @{ kid = $null }; claims = $accessClaims }
        unknownKid        = @{ header = @{ kid = 'tv-key-404' }; claims = $accessClaims }
        # For the journey pool: a kid its JWKS never has.
        journeyStranger   = @{ header = @{ kid = 'never-published-kid' }
            claims = (With $accessClaims @{ iss = $script:journeyIssuer; client_id = $script:journeyClient }) }
    }
    $spec = @{
        keys = @{ main = @{ kid = 'tv-key-1' }; impostor = @{ kid = 'tv-key-1' } }
        jwks = @{ own = @('main') }
        tokens = $tokens
    }
    $specFile = Join-Path $TestDrive 'jwt-spec.json'
    ConvertTo-Json -InputObject $spec -Depth 10 | Set-Content -Path $specFile -Encoding utf8
    $made = & $script:python (Join-Path $PSScriptRoot 'fixtures/jwt_tool.py') make $specFile
    if ($LASTEXITCODE -ne 0) { throw "jwt_tool.py make failed: $made" }
    $made = $made | ConvertFrom-Json -AsHashtable
    $script:tokens = $made.tokens
    $script:tokens['notJwt'] = 'this-is-not-a-jwt-but-a-session-cookie-7f3a9c51'
    $script:tokens['threeParts'] = 'bm90LWpzb24taGVhZGVy.bm90LWpzb24tcGF5bG9hZA.c2lnbmF0dXJlLWJ5dGVz'
    $script:jwksFile = Join-Path $TestDrive 'own-jwks.json'
    ConvertTo-Json -InputObject $made.jwks.own -Depth 10 -Compress | Set-Content -Path $script:jwksFile -Encoding utf8

    # The suite's own JWKS endpoint: the own pool's JWKS on any path ending in /jwks.json, plus /not-json/ and /status-500/.
    $script:jwksRecord = Join-Path $TestDrive 'jwks-server.jsonl'
    $script:jwksServer = Start-Tracked 'jwt_tool.py' @('serve', $script:jwksFile, $script:jwksRecord)
    function script:Get-JwksServerPaths { @(Get-Content $script:jwksRecord -ErrorAction Ignore | Where-Object { $_ } | ForEach-Object { ($_ | ConvertFrom-Json).path }) }

    $script:own = @{ UserPoolId = $script:ownPool; ClientId = $script:ownClient; JwksPath = $script:jwksFile }
}

AfterAll {
    foreach ($server in $script:servers) { Stop-TestServer $server }
    Get-ChildItem env: | Where-Object { $_.Name -match '^(https?|no|all)_proxy$' } | ForEach-Object { Remove-Item "env:$($_.Name)" }
    foreach ($entry in $script:machineProxy.GetEnumerator()) { Set-Item "env:$($entry.Key)" $entry.Value }
}

Describe 'the tokens of a real sign-in verify (journey_server.py: ADMIN_USER_PASSWORD_AUTH, a user in two groups)' {
    BeforeAll {
        $script:journey = Start-Journey
        $script:journeyJwks = Get-JourneyJwksUri $script:journey
        $script:signIn = Get-SignIn $script:journey
        $script:journeyCall = @{ UserPoolId = $script:journeyPool; JwksUri = $script:journeyJwks }
    }
    AfterAll { Stop-TestServer $script:journey }

    It 'verifies the ID token as an ID token for its app client (aud): TokenUse, every claim, ExpiresAt, KeyId, JwksUri, SignatureVerified' {
        $token = $script:signIn.IdToken
        $v = Confirm-CGIPToken $token @script:journeyCall -ClientId $script:journeyClient -TokenUse id
        @($v).Count | Should -Be 1
        $v.PSObject.TypeNames | Should -Contain 'CognitoAdminAuth.VerifiedToken'
        $v.TokenUse | Should -Be 'id'
        $v.SignatureVerified | Should -BeTrue
        $v.JwksUri | Should -Be $script:journeyJwks
        $header = ConvertFrom-Base64Url $token.Split('.')[0]
        $payload = ConvertFrom-Base64Url $token.Split('.')[1]
        $v.KeyId | Should -Be $header.kid
        $v.ExpiresAt | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($payload.exp).UtcDateTime)
        $v.ExpiresAt.Kind | Should -Be ([DateTimeKind]::Utc)
        $v.Claims.aud | Should -Be $script:journeyClient
        $v.Claims.'cognito:username' | Should -Be 'gina'
        $v.Claims.email | Should -Be 'gina@example.com'
        $v.Claims.'cognito:groups' | Should -Be @('admins', 'readers')
        $v.Claims.iss | Should -Be $script:journeyIssuer
    }

    It 'verifies the access token for its app client (client_id), with -Scope aws.cognito.signin.user.admin and -Group' {
        $token = $script:signIn.AccessToken
        $v = Confirm-CGIPToken $token @script:journeyCall -ClientId $script:journeyClient -TokenUse access -Scope 'aws.cognito.signin.user.admin' -Group 'admins'
        $v.TokenUse | Should -Be 'access'
        $v.SignatureVerified | Should -BeTrue
        $v.KeyId | Should -Be (ConvertFrom-Base64Url $token.Split('.')[0]).kid
        $v.Claims.client_id | Should -Be $script:journeyClient
        $v.Claims.username | Should -Be 'gina'
        $v.Claims.scope | Should -Be 'aws.cognito.signin.user.admin'
        # Cognito signs ID and access tokens with different keys.
        $v.KeyId | Should -Not -Be (ConvertFrom-Base64Url $script:signIn.IdToken.Split('.')[0]).kid
    }

    It 'hands back every claim of the <Kind> token, each with its value and JSON type' -ForEach @(@{ Kind = 'IdToken' }, @{ Kind = 'AccessToken' }) {
        $token = $script:signIn.$Kind
        $payload = ConvertFrom-Base64Url $token.Split('.')[1]
        $v = Confirm-CGIPToken $token @script:journeyCall -ClientId $script:journeyClient
        @($v.Claims.PSObject.Properties.Name | Sort-Object) | Should -Be @($payload.Keys | Sort-Object)
        foreach ($name in $payload.Keys) {
            ConvertTo-Json -InputObject $v.Claims.$name -Compress | Should -Be (ConvertTo-Json -InputObject $payload[$name] -Compress) -Because "claim $name"
        }
    }

    It 'takes the token as a SecureString' {
        $secure = ConvertTo-SecureString $script:signIn.IdToken -AsPlainText -Force
        $v = Confirm-CGIPToken -Token $secure @script:journeyCall -ClientId $script:journeyClient -TokenUse id
        $v.TokenUse | Should -Be 'id'
        $v.Claims.'cognito:username' | Should -Be 'gina'
    }

    It 'takes the token piped as a string' {
        ($script:signIn.AccessToken | Confirm-CGIPToken @script:journeyCall -ClientId $script:journeyClient).TokenUse | Should -Be 'access'
    }

    It 'takes the token from the <Property> property of a piped object' -ForEach @(
        @{ Property = 'IdToken'; Use = 'id' }, @{ Property = 'AccessToken'; Use = 'access' }, @{ Property = 'Token'; Use = 'id' }
    ) {
        $value = if ($Use -eq 'id') { $script:signIn.IdToken } else { $script:signIn.AccessToken }
        $piped = [pscustomobject]@{ $Property = $value }
        $v = $piped | Confirm-CGIPToken @script:journeyCall -ClientId $script:journeyClient
        $v.TokenUse | Should -Be $Use
    }

    It 'takes the token -TokenUse names from a piped AuthenticationResult, and refuses to guess without it' {
        $result = [pscustomobject]@{ IdToken = $script:signIn.IdToken; AccessToken = $script:signIn.AccessToken; ExpiresIn = 3600 }
        ($result | Confirm-CGIPToken @script:journeyCall -ClientId $script:journeyClient -TokenUse access).TokenUse | Should -Be 'access'
        ($result | Confirm-CGIPToken @script:journeyCall -ClientId $script:journeyClient -TokenUse id).TokenUse | Should -Be 'id'
        $err = { $result | Confirm-CGIPToken @script:journeyCall -ClientId $script:journeyClient } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousToken,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($script:signIn.IdToken.Split('.')[2]))
    }

    It 'accepts a token whose client is any one of several -ClientId, for ID and access tokens' {
        $clients = 'tv-other', $script:journeyClient, 'tv-third'
        (Confirm-CGIPToken $script:signIn.IdToken @script:journeyCall -ClientId $clients).Claims.aud | Should -Be $script:journeyClient
        (Confirm-CGIPToken $script:signIn.AccessToken @script:journeyCall -ClientId $clients).Claims.client_id | Should -Be $script:journeyClient
    }

    It "refuses the sign-in's tokens for another app client of the same pool (JwtInvalidAudience)" {
        foreach ($token in $script:signIn.IdToken, $script:signIn.AccessToken) {
            $r = Invoke-Confirm (@{ Token = $token; ClientId = 'tv-other' } + $script:journeyCall)
            Assert-Refused $r 'JwtInvalidAudience' "client id \((aud|client_id)\) is tv-app; expected tv-other" $token
        }
    }

    It 'accepts -Group when the user is in any one of them' {
        (Confirm-CGIPToken $script:signIn.IdToken @script:journeyCall -ClientId $script:journeyClient -Group 'auditors', 'readers').TokenUse | Should -Be 'id'
    }
}

Describe 'each check refuses with its own error id, naming the check and never the token (own key, -JwksPath)' {
    It 'verifies what the key signed, offline (the control for the refusals): KeyId tv-key-1, no JwksUri' {
        foreach ($name in 'id', 'access') {
            $v = Confirm-CGIPToken $script:tokens[$name] @script:own
            $v.TokenUse | Should -Be $name
            $v.KeyId | Should -Be 'tv-key-1'
            $v.JwksUri | Should -BeNullOrEmpty
            $v.SignatureVerified | Should -BeTrue
            $v.ExpiresAt | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($script:now + 3600).UtcDateTime)
        }
        (Confirm-CGIPToken $script:tokens.access @script:own -TokenUse access -Group 'staff' -Scope 'orders/read').Claims.username | Should -Be 'olga'
    }

    It 'the leak check finds the token or any of its parts, verbatim or folded over lines (the control for the checks below)' {
        $token = $script:tokens.tampered
        $parts = $token.Split('.')
        Find-TokenPart $token @('nothing of it here') | Should -BeNullOrEmpty
        foreach ($part in $parts) { Find-TokenPart $token @("before $part after") | Should -Not -BeNullOrEmpty }
        Find-TokenPart $token @(($parts[1] -split '(.{20})' | Where-Object { $_ }) -join "`r`n") | Should -Not -BeNullOrEmpty
    }

    It 'refuses <Case> with <Code>' -ForEach $script:refusals {
        $token = $script:tokens[$Token]
        $token | Should -Not -BeNullOrEmpty
        $parameters = @{ Token = $token } + $script:own
        foreach ($k in $Extra.Keys) { $parameters[$k] = $Extra[$k] }
        if ($ValidAtHours) { $parameters.ValidAt = [DateTimeOffset]::UtcNow.AddHours($ValidAtHours) }
        $r = Invoke-Confirm $parameters
        Assert-Refused $r $Code $Says $token
    }

    It 'refuses the tampered token also when it comes as a SecureString, without showing it' {
        $token = $script:tokens.tampered
        $r = Invoke-Confirm (@{ Token = (ConvertTo-SecureString $token -AsPlainText -Force) } + $script:own)
        Assert-Refused $r 'JwtInvalidSignature' 'signature is not valid' $token
    }

    It "accepts the pool's multi-Region issuer form (https://issuer-cognito-idp.{region}.amazonaws.com/{pool})" {
        (Confirm-CGIPToken $script:tokens.multiRegion @script:own).Claims.iss | Should -Be "https://issuer-cognito-idp.eu-west-1.amazonaws.com/$($script:ownPool)"
    }

    It 'accepts the one issuer -Issuer names instead of the pool''s' {
        (Confirm-CGIPToken $script:tokens.ownIssuer @script:own -Issuer 'https://login.example.test/tenants/own').TokenUse | Should -Be 'access'
        $r = Invoke-Confirm (@{ Token = $script:tokens.access; Issuer = 'https://login.example.test/tenants/own' } + $script:own)
        Assert-Refused $r 'JwtInvalidIssuer' 'expected https://login\.example\.test/tenants/own' $script:tokens.access
    }

    It 'accepts an expired token with -GraceSeconds covering how late it is' {
        (Confirm-CGIPToken $script:tokens.expired @script:own -GraceSeconds 900).TokenUse | Should -Be 'access'
    }

    It 'accepts an expired token checked -ValidAt a moment before its exp' {
        $v = Confirm-CGIPToken $script:tokens.expired @script:own -ValidAt ([DateTimeOffset]::FromUnixTimeSeconds($script:now - 1200))
        $v.ExpiresAt | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($script:now - 600).UtcDateTime)
    }

    It 'accepts a token whose nbf is still to come with -GraceSeconds covering it, or -ValidAt after it' {
        (Confirm-CGIPToken $script:tokens.notYet @script:own -GraceSeconds 900).TokenUse | Should -Be 'access'
        (Confirm-CGIPToken $script:tokens.notYet @script:own -ValidAt ([DateTimeOffset]::FromUnixTimeSeconds($script:now + 1200))).TokenUse | Should -Be 'access'
    }
}

Describe 'the JWKS: fetched once and kept, fetched again for a rotated key, not again for a made-up kid' {
    It 'fetches the JWKS once for an ID and an access token and keeps it for later verifications' {
        $journey = Start-Journey
        try {
            $signIn = Get-SignIn $journey
            $call = @{ UserPoolId = $script:journeyPool; ClientId = $script:journeyClient; JwksUri = (Get-JourneyJwksUri $journey) }
            Get-JwksCount $journey | Should -Be 0
            (Confirm-CGIPToken $signIn.IdToken @call).TokenUse | Should -Be 'id'
            (Confirm-CGIPToken $signIn.AccessToken @call).TokenUse | Should -Be 'access'
            Get-JwksCount $journey | Should -Be 1
            Confirm-CGIPToken $signIn.IdToken @call | Out-Null
            Get-JwksCount $journey | Should -Be 1
        } finally { Stop-TestServer $journey }
    }

    It 'verifies a token signed by a key the pool rotated in, fetching the JWKS once more for its unknown kid' {
        $journey = Start-Journey
        try {
            $call = @{ UserPoolId = $script:journeyPool; ClientId = $script:journeyClient; JwksUri = (Get-JourneyJwksUri $journey) }
            $before = Get-SignIn $journey
            Confirm-CGIPToken $before.IdToken @call | Out-Null
            Get-JwksCount $journey | Should -Be 1
            $kids = (Invoke-RestMethod -Method Post -Uri "$($journey.Url)/_fixture/rotate-key" -Body '{}' -ContentType 'application/json').kids
            $after = Get-SignIn $journey
            $v = Confirm-CGIPToken $after.IdToken @call
            $v.KeyId | Should -Be $kids.id
            Get-JwksCount $journey | Should -Be 2
            (Confirm-CGIPToken $after.AccessToken @call).KeyId | Should -Be $kids.access
            Confirm-CGIPToken $before.AccessToken @call | Out-Null
            Get-JwksCount $journey | Should -Be 2 -Because 'the JWKS fetched for the new key holds both, old and new'
        } finally { Stop-TestServer $journey }
    }

    It 'refuses a kid the pool never had with JwtUnknownKid naming the URL, and does not fetch again for a second such token' {
        $journey = Start-Journey
        try {
            $uri = Get-JourneyJwksUri $journey
            $call = @{ UserPoolId = $script:journeyPool; ClientId = $script:journeyClient; JwksUri = $uri }
            Confirm-CGIPToken (Get-SignIn $journey).AccessToken @call | Out-Null
            Get-JwksCount $journey | Should -Be 1
            $stranger = $script:tokens.journeyStranger
            $first = Invoke-Confirm (@{ Token = $stranger } + $call)
            Assert-Refused $first 'JwtUnknownKid' "key never-published-kid the token names is not in the JWKS at $([regex]::Escape($uri))" $stranger
            Get-JwksCount $journey | Should -Be 2 -Because 'a kid not in the kept JWKS is fetched for once'
            $second = Invoke-Confirm (@{ Token = $stranger } + $call)
            Assert-Refused $second 'JwtUnknownKid' ([regex]::Escape($uri)) $stranger
            Get-JwksCount $journey | Should -Be 2 -Because 'within the refetch interval the same URL is not fetched again'
        } finally { Stop-TestServer $journey }
    }

    It 'fetches nothing with -JwksPath (offline), and says no JwksUri' {
        $journey = Start-Journey
        try {
            $signIn = Get-SignIn $journey
            $file = Join-Path $TestDrive "journey-jwks-$($journey.Port).json"
            Invoke-WebRequest -Uri (Get-JourneyJwksUri $journey) -OutFile $file
            $fetched = Get-JwksCount $journey
            foreach ($token in $signIn.IdToken, $signIn.AccessToken) {
                $v = Confirm-CGIPToken $token -UserPoolId $script:journeyPool -ClientId $script:journeyClient -JwksPath $file
                $v.SignatureVerified | Should -BeTrue
                $v.JwksUri | Should -BeNullOrEmpty
            }
            Get-JwksCount $journey | Should -Be $fetched
        } finally { Stop-TestServer $journey }
    }

    It 'fails with a ConnectionError naming the URL when the JWKS cannot be reached (a closed port)' {
        $uri = "http://127.0.0.1:$(Get-FreeTcpPort)/$($script:ownPool)/.well-known/jwks.json"
        $r = Invoke-Confirm @{ Token = $script:tokens.access; UserPoolId = $script:ownPool; ClientId = $script:ownClient; JwksUri = $uri }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ConnectionError)
        $r.Error.Exception.Message | Should -BeLike "*$uri*"
        Find-TokenPart $script:tokens.access $r.Texts | Should -BeNullOrEmpty
    }

    It 'fails with InvalidData naming the URL when the JWKS URL answers <What>' -ForEach @(
        @{ What = 'an HTML page (not JSON)'; Path = 'not-json'; Says = 'not a JWKS: it is not valid JSON' }
        @{ What = 'HTTP 500'; Path = 'status-500'; Says = 'answered HTTP 500' }
    ) {
        $uri = "$($script:jwksServer.Url)/$Path/$($script:ownPool)/.well-known/jwks.json"
        $r = Invoke-Confirm @{ Token = $script:tokens.access; UserPoolId = $script:ownPool; ClientId = $script:ownClient; JwksUri = $uri }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $r.Error.Exception.Message | Should -BeLike "*$uri*"
        $r.Error.Exception.Message | Should -Match $Says
        Get-JwksServerPaths | Should -Contain "/$Path/$($script:ownPool)/.well-known/jwks.json"
        Find-TokenPart $script:tokens.access $r.Texts | Should -BeNullOrEmpty
    }

    It 'fails with a ReadError naming the file when -JwksPath <What>' -ForEach @(
        @{ What = 'is a file that does not exist'; Relative = 'no-such-jwks.json' }
        @{ What = 'is in a folder that does not exist'; Relative = 'no-such-folder/jwks.json' }
    ) {
        $path = Join-Path $TestDrive $Relative
        $r = Invoke-Confirm @{ Token = $script:tokens.access; UserPoolId = $script:ownPool; ClientId = $script:ownClient; JwksPath = $path }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ReadError)
        $r.Error.Exception.Message | Should -BeLike "*$path*"
        Find-TokenPart $script:tokens.access $r.Texts | Should -BeNullOrEmpty
    }
}

Describe "the JWKS fetch goes through the script's proxy settings (http_proxy.py)" {
    BeforeAll {
        $script:proxyRecord = Join-Path $TestDrive 'proxy.jsonl'
        $script:proxy = Start-Tracked 'http_proxy.py' @($script:proxyRecord)
        function script:Get-ProxyTargets { @(Get-Content $script:proxyRecord -ErrorAction Ignore | Where-Object { $_ } | ForEach-Object { ($_ | ConvertFrom-Json).target }) }
    }
    AfterAll { Stop-TestServer $script:proxy }
    BeforeEach {
        Get-ChildItem env: | Where-Object { $_.Name -match '^(https?|no|all)_proxy$' } | ForEach-Object { Remove-Item "env:$($_.Name)" }
    }
    AfterEach {
        Get-ChildItem env: | Where-Object { $_.Name -match '^(https?|no|all)_proxy$' } | ForEach-Object { Remove-Item "env:$($_.Name)" }
    }

    It 'fetches the JWKS through the proxy in $env:HTTP_PROXY' {
        $path = "/through-proxy/$($script:ownPool)/.well-known/jwks.json"
        $uri = "$($script:jwksServer.Url)$path"
        $env:HTTP_PROXY = $script:proxy.Url
        $v = Confirm-CGIPToken $script:tokens.access -UserPoolId $script:ownPool -ClientId $script:ownClient -JwksUri $uri
        $v.JwksUri | Should -Be $uri
        Get-ProxyTargets | Should -Contain $uri
        Get-JwksServerPaths | Should -Contain $path -Because 'the proxy forwarded the request'
    }

    It 'fetches the JWKS directly, past $env:HTTP_PROXY, for a host in $env:NO_PROXY' {
        $path = "/past-proxy/$($script:ownPool)/.well-known/jwks.json"
        $uri = "$($script:jwksServer.Url)$path"
        $env:HTTP_PROXY = $script:proxy.Url
        $env:NO_PROXY = '127.0.0.1'
        $v = Confirm-CGIPToken $script:tokens.access -UserPoolId $script:ownPool -ClientId $script:ownClient -JwksUri $uri
        $v.JwksUri | Should -Be $uri
        Get-ProxyTargets | Should -Not -Contain $uri
        Get-JwksServerPaths | Should -Contain $path
    }
}

Describe 'bad input is refused before anything is fetched' {
    It 'refuses a call without -ClientId with a parameter binding error naming ClientId' {
        $ps = [powershell]::Create()
        try {
            $ps.AddCommand('Import-Module').AddArgument($env:CGIP_TEST_MODULE).Invoke() | Out-Null
            $ps.Commands.Clear()
            $failure = $null
            try { $ps.AddCommand('Confirm-CGIPToken').AddParameter('Token', $script:tokens.access).AddParameter('UserPoolId', $script:ownPool).AddParameter('JwksPath', $script:jwksFile).Invoke() | Out-Null }
            catch { $failure = $_.Exception }
            while ($failure -and $failure -isnot [System.Management.Automation.ParameterBindingException] -and $failure.InnerException) { $failure = $failure.InnerException }
            $failure | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
            $failure.ErrorId | Should -Be 'MissingMandatoryParameter'
            $failure.Message | Should -Match 'ClientId'
        } finally { $ps.Dispose() }
    }

    It 'refuses -ClientId <What> with a parameter binding error' -ForEach @(
        @{ What = "''"; Value = '' }, @{ What = 'as an empty list'; Value = @() }
    ) {
        { Confirm-CGIPToken $script:tokens.access -UserPoolId $script:ownPool -ClientId $Value -JwksPath $script:jwksFile } |
            Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException]) -ExpectedMessage "*ClientId*"
    }

    It 'refuses an empty token (<What>) with a clear InvalidArgument error' -ForEach @(
        @{ What = 'an empty string'; Value = '' }, @{ What = 'white space'; Value = "  `t " }, @{ What = 'an empty SecureString'; Value = 'secure' }
    ) {
        $token = if ($Value -eq 'secure') { [securestring]::new() } else { $Value }
        $r = Invoke-Confirm (@{ Token = $token } + $script:own)
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $r.Error.Exception.Message | Should -Match 'No token to verify'
    }

    It 'refuses a $null token with a parameter binding error' {
        { Confirm-CGIPToken -Token $null @script:own } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException]) -ExpectedMessage "*Token*"
    }

    It 'refuses -UserPoolId <Pool> (no region prefix) with a clear InvalidArgument error naming it' -ForEach @(
        @{ Pool = 'OwnKeys7' }, @{ Pool = '_OwnKeys7' }, @{ Pool = 'EU-WEST-1_OwnKeys7' }
    ) {
        $r = Invoke-Confirm @{ Token = $script:tokens.access; UserPoolId = $Pool; ClientId = $script:ownClient; JwksPath = $script:jwksFile }
        $r.Output | Should -BeNullOrEmpty
        $r.Error.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $r.Error.Exception.Message | Should -Match "userPoolId '$Pool' is not a user pool id: it starts with its region"
        Find-TokenPart $script:tokens.access $r.Texts | Should -BeNullOrEmpty
    }

    It 'refuses -TokenUse other than id or access with a parameter binding error' {
        { Confirm-CGIPToken $script:tokens.access @script:own -TokenUse refresh } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }
}
