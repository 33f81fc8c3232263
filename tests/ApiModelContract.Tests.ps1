# The cmdlets against the official API model: botocore's cognito-idp service-2.json, read at test time by
# tests/fixtures/contract_server.py. Every request the cmdlets send is validated on the operation's input shape,
# every member of the output shape must reach the PowerShell object, and every error the model lists for an
# operation must come back typed as AWS.Tools types it. A newer botocore that adds a member, a value or an error
# fails this suite until the module has it.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $manifest = Get-ContractManifest
    $cmdlets = @{ AdminInitiateAuth = 'Start-CGIPAuthAdmin'; AdminRespondToAuthChallenge = 'Send-CGIPAuthChallengeResponseAdmin' }
    $authFlows = @($manifest.enums.AuthFlowType)
    $challengeNames = @($manifest.enums.ChallengeNameType)
    $leafCases = foreach ($op in $manifest.operations.Keys | Sort-Object) {
        foreach ($leaf in $manifest.operations[$op].leaves) {
            @{ Operation = $op; Cmdlet = $cmdlets[$op]; Path = @($leaf[0]); Expected = $leaf[1]; Name = ($leaf[0] -join '.') }
        }
    }
    $allCodes = @($manifest.operations.Values | ForEach-Object { $_.errors.code } | Sort-Object -Unique)
    $errorCases = foreach ($op in $manifest.operations.Keys | Sort-Object) {
        foreach ($e in $manifest.operations[$op].errors) {
            @{ Operation = $op; Cmdlet = $cmdlets[$op]; Code = $e.code; Status = $e.status; Message = $e.message }
        }
    }
    # The .NET SDK's unmarshaller of an operation types only that operation's errors.
    $foreignErrorCases = foreach ($op in $manifest.operations.Keys | Sort-Object) {
        foreach ($code in $allCodes | Where-Object { $_ -notin $manifest.operations[$op].errors.code }) {
            @{ Operation = $op; Cmdlet = $cmdlets[$op]; Code = $code }
        }
    }
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:manifest = Get-ContractManifest
    $script:server = Start-ContractServer
    $script:conn = Get-TestConnection $script:server
    $script:counts = @{ Validated = 0; Compared = 0; Typed = 0 }
    # Every parameter the two cmdlets share, each with a value the model accepts.
    $script:everyCommonParameter = @{
        UserPoolId = 'us-east-1_Contract'; ClientMetadata = @{ purpose = 'contract'; run = 'pester' }
        AnalyticsMetadata_AnalyticsEndpointId = 'analytics-endpoint-1'; Session = 'contract-session-0123456789'
        ContextData_EncodedData = 'encoded-fingerprint'; ContextData_IpAddress = '192.0.2.10'
        ContextData_ServerName = 'app.example.test'; ContextData_ServerPath = '/sign-in'
        ContextData_HttpHeader = @(@{ HeaderName = 'User-Agent'; HeaderValue = 'Pester' }, @{ HeaderName = 'X-Forwarded-For'; HeaderValue = '192.0.2.10' })
        ClientSecret = 'contract-client-secret'
    }
    function script:LastVerdict {
        $record = Get-CannedRequest $script:server
        $record[-1]
    }
    function script:AssertValidAndComplete([string] $Operation, [string] $Member, [string] $Value) {
        # The last request was valid on the model, carried $Value in $Member and held every member path of the input shape.
        $verdict = LastVerdict
        $verdict.valid | Should -BeTrue -Because $verdict.report
        $verdict.body[$Member] | Should -BeExactly $Value
        $verdict.memberPaths | Should -Be $script:manifest.operations[$Operation].inputMembers -Because 'every member of the input shape is sent'
        $script:counts.Validated++
    }
    function script:InvokeContract([string] $Cmdlet, [string] $ClientId, [hashtable] $Extra = @{}) {
        $arguments = if ($Cmdlet -like 'Start-*') { @{ AuthFlow = 'ADMIN_USER_PASSWORD_AUTH' } } else { @{ ChallengeName = 'SMS_MFA' } }
        foreach ($key in $Extra.Keys) { $arguments[$key] = $Extra[$key] }
        & $Cmdlet $ClientId -UserPoolId 'us-east-1_Contract' -ClientConfig @{ MaxErrorRetry = 0 } @arguments @script:conn
    }
    function script:Resolve($Object, [object[]] $Path) {
        # Walks a manifest path (member names, map keys, list indexes) down the PowerShell object.
        foreach ($segment in $Path) {
            if ($null -eq $Object) { return [pscustomobject]@{ Found = $false } }
            if ($segment -is [long] -or $segment -is [int]) {
                $items = @($Object)
                if ($segment -ge $items.Count) { return [pscustomobject]@{ Found = $false } }
                $Object = $items[$segment]
            } elseif ($Object -is [System.Collections.IDictionary]) {
                if (-not $Object.ContainsKey($segment)) { return [pscustomobject]@{ Found = $false } }
                $Object = $Object[$segment]
            } else {
                $property = $Object.PSObject.Properties[$segment]
                if (-not $property) { return [pscustomobject]@{ Found = $false } }
                $Object = $property.Value
            }
        }
        [pscustomobject]@{ Found = $true; Value = $Object }
    }
}

AfterAll {
    Stop-TestServer $script:server
}

Describe 'Every request is valid on the input shape of the API model' {
    It 'Start-CGIPAuthAdmin with every parameter, AuthFlow <_>' -ForEach $authFlows {
        Start-CGIPAuthAdmin 'contract-client' -AuthFlow $_ -AuthParameter @{ USERNAME = 'dora'; SRP_A = 'a1b2c3'; DEVICE_KEY = 'us-east-1_device' } `
            @script:everyCommonParameter @script:conn | Out-Null
        AssertValidAndComplete 'AdminInitiateAuth' 'AuthFlow' $_
    }

    It 'Send-CGIPAuthChallengeResponseAdmin with every parameter, ChallengeName <_>' -ForEach $challengeNames {
        $responses = @{ USERNAME = 'dora'; ANSWER = 'forty-two'; SRP_A = 'a1b2c3'; DEVICE_KEY = 'us-east-1_device'
            PASSWORD_CLAIM_SIGNATURE = 'caller-signed'; PASSWORD_CLAIM_SECRET_BLOCK = 'secret-block'; TIMESTAMP = 'Tue Dec 1 21:00:00 UTC 2026' }
        Send-CGIPAuthChallengeResponseAdmin 'contract-client' -ChallengeName $_ -ChallengeResponse $responses `
            @script:everyCommonParameter @script:conn | Out-Null
        AssertValidAndComplete 'AdminRespondToAuthChallenge' 'ChallengeName' $_
    }

    # What proves the checks above can fail: the server refuses what the model refuses.
    It 'is refused when it breaks the model (<Case>)' -ForEach @(
        @{ Case = 'a Session shorter than its minimum'; Extra = @{ Session = 'too-short' }; Member = 'Session' }
        @{ Case = 'an AuthFlow the model does not list'; Extra = @{ AuthFlow = 'NOT_A_FLOW' }; Member = 'AuthFlow' }) {
        $err = $null
        try { InvokeContract 'Start-CGIPAuthAdmin' 'contract-client' $Extra } catch { $err = $_ }
        $err.Exception.InnerException.ErrorCode | Should -Be 'ContractViolation'
        $err.Exception.Message | Should -Match $Member
        (LastVerdict).valid | Should -BeFalse
    }
}

Describe 'Every member of the output shape reaches the PowerShell object' {
    BeforeAll {
        $script:responses = @{
            'Start-CGIPAuthAdmin'                 = InvokeContract 'Start-CGIPAuthAdmin' 'contract-client'
            'Send-CGIPAuthChallengeResponseAdmin' = InvokeContract 'Send-CGIPAuthChallengeResponseAdmin' 'contract-client'
        }
    }

    It '<Cmdlet> gives <Name>' -ForEach $leafCases {
        $found = Resolve $script:responses[$Cmdlet] $Path
        $found.Found | Should -BeTrue -Because "$Name is a member of the $Operation output shape"
        "$($found.Value)" | Should -BeExactly "$Expected"
        $script:counts.Compared++
    }

    It '<_> types AvailableChallenges as List[string], as the AWS SDK for .NET does' -ForEach 'Start-CGIPAuthAdmin', 'Send-CGIPAuthChallengeResponseAdmin' {
        $script:responses[$_].AvailableChallenges -is [System.Collections.Generic.List[string]] | Should -BeTrue
    }
}

Describe 'Every error the API model lists for an operation comes back typed' {
    It '<Cmdlet> raises <Code> (HTTP <Status>) as AWS.Tools does' -ForEach $errorCases {
        $err = $null
        try { InvokeContract $Cmdlet $Code } catch { $err = $_ }
        $class = (Get-Command $Cmdlet).ImplementingType.FullName
        $err.FullyQualifiedErrorId | Should -BeExactly "Amazon.CognitoIdentityProvider.Model.$Code,$class"
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
        $err.Exception.Message | Should -BeExactly $Message
        $inner = $err.Exception.InnerException
        $inner.GetType().FullName | Should -BeExactly "Amazon.CognitoIdentityProvider.Model.$Code"
        $inner | Should -BeOfType [Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException]
        $inner.ErrorCode | Should -BeExactly $Code
        [int]$inner.StatusCode | Should -Be $Status
        $inner.ErrorType | Should -Be $(if ($Status -ge 500) { 'Receiver' } else { 'Sender' })
        $inner.RequestId | Should -Not -BeNullOrEmpty
        (LastVerdict).valid | Should -BeTrue
        $script:counts.Typed++
    }

    It '<Cmdlet> gives <Code>, which the model lists only for the other operation, the service base type' -ForEach $foreignErrorCases {
        $err = $null
        try { InvokeContract $Cmdlet $Code } catch { $err = $_ }
        $err.Exception.InnerException.GetType().FullName | Should -BeExactly 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException'
        $err.Exception.InnerException.ErrorCode | Should -BeExactly $Code
    }
}

Describe 'The module''s lists are the API model''s' {
    BeforeAll {
        # The stand-ins' declared values (this session has no AWS SDK for .NET, so they are the session's types).
        function Get-DeclaredValues([type] $Type) {
            $Type.GetFields([Reflection.BindingFlags]'Public, Static, DeclaredOnly') | ForEach-Object { $_.GetValue($null).Value }
        }
        $script:serviceErrors = [CognitoAdminAuth.Native.ModuleAssemblyResolver].Assembly.GetType('CognitoAdminAuth.Aws.ServiceErrors', $true)
    }

    It 'AuthFlowType has every AuthFlow value of the model, and no other' {
        Get-DeclaredValues ([Amazon.CognitoIdentityProvider.AuthFlowType]) | Sort-Object | Should -Be ($script:manifest.enums.AuthFlowType | Sort-Object)
    }

    It 'ChallengeNameType has every ChallengeName value of the model, and no other' {
        Get-DeclaredValues ([Amazon.CognitoIdentityProvider.ChallengeNameType]) | Sort-Object | Should -Be ($script:manifest.enums.ChallengeNameType | Sort-Object)
    }

    It 'types exactly the errors the model lists for <_>, each with a stand-in type' -ForEach 'AdminInitiateAuth', 'AdminRespondToAuthChallenge' {
        $codes = $script:serviceErrors.GetMethod('ModelledErrorsOf').Invoke($null, @([string] $_))
        $codes | Sort-Object | Should -Be ($script:manifest.operations[$_].errors.code | Sort-Object)
        foreach ($code in $codes) { "Amazon.CognitoIdentityProvider.Model.$code" -as [type] | Should -Not -BeNullOrEmpty -Because "$code is caught by type" }
    }
}

Describe 'Contract coverage' {
    It 'validated every request, compared every response value and typed every error the model has' {
        $model = $script:manifest.operations
        $expected = @{
            Validated = $script:manifest.enums.AuthFlowType.Count + $script:manifest.enums.ChallengeNameType.Count
            Compared  = ($model.Values | ForEach-Object { $_.leaves.Count } | Measure-Object -Sum).Sum
            Typed     = ($model.Values | ForEach-Object { $_.errors.Count } | Measure-Object -Sum).Sum
        }
        Write-Host ("API model contract (botocore {0}, cognito-idp {1}): {2} requests validated, {3} response values compared, {4} errors typed" -f
            $script:manifest.botocore, $script:manifest.apiVersion, $script:counts.Validated, $script:counts.Compared, $script:counts.Typed)
        $script:counts.Validated | Should -Be $expected.Validated
        $script:counts.Compared | Should -Be $expected.Compared
        $script:counts.Typed | Should -Be $expected.Typed
    }
}
