# Behaviour both cmdlets share with AWS.Tools (spec §2–§6): -Select, -PassThru, ShouldProcess, $null for
# mandatory parameters, string-only hashtables, the credential and region chains, client timeouts,
# pipeline input and what -Verbose/-Debug print. Calls go to moto on loopback, or — where a test must see
# exactly how a request was signed, or that none was sent — to a recording endpoint on loopback.
BeforeDiscovery {
    $script:bothCmdlets = @(
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Operation = 'AdminInitiateAuth'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Operation = 'AdminRespondToAuthChallenge'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:modulePath = (Get-Module CognitoAdminAuth).Path | Split-Path -Parent
    $script:pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:server = Start-MotoServer
    $script:conn = Get-TestConnection $script:server
    $script:pool = New-TestUserPool $script:server
    $script:signIn = Get-TestSignIn $script:pool
    $script:wrongPassword = @{
        ClientId      = $script:pool.ClientId
        UserPoolId    = $script:pool.UserPoolId
        AuthFlow      = 'ADMIN_USER_PASSWORD_AUTH'
        AuthParameter = @{ USERNAME = $script:pool.UserName; PASSWORD = 'Wrong-Password-1!' }
    }
    # Send with a session the emulator never issued: any call that reaches it fails (ResourceNotFound).
    $script:bogusAnswer = @{
        ClientId          = $script:pool.ClientId
        UserPoolId        = $script:pool.UserPoolId
        ChallengeName     = 'NEW_PASSWORD_REQUIRED'
        Session           = 'not-a-session-issued-by-the-emulator'
        ChallengeResponse = @{ USERNAME = $script:pool.UserName; NEW_PASSWORD = 'Brand-New-Pass-7!' }
    }
    # Arguments that make either cmdlet fail at the service, per cmdlet.
    $script:failingArgs = @{ 'Start-CGIPAuthAdmin' = $script:wrongPassword; 'Send-CGIPAuthChallengeResponseAdmin' = $script:bogusAnswer }

    # Canned service answers for the recording endpoint.
    $script:challengeBody = '{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"canned-session-0123456789abcdef","ChallengeParameters":{"USER_ID_FOR_SRP":"alice","requiredAttributes":"[]","userAttributes":"{\"email\":\"alice@example.com\"}"}}'
    $script:tokensBody = '{"AuthenticationResult":{"AccessToken":"canned.access.token","ExpiresIn":3600,"TokenType":"Bearer","IdToken":"canned.id.token","RefreshToken":"canned-refresh-token"},"ChallengeParameters":{}}'

    # Minimal arguments for either cmdlet when the answer comes from a recording endpoint.
    $script:recordedArgs = @{
        'Start-CGIPAuthAdmin'                 = @{ ClientId = 'client-1'; UserPoolId = 'us-east-1_pool'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameter = @{ USERNAME = 'alice'; PASSWORD = 'Recorded-Pass-1!' } }
        'Send-CGIPAuthChallengeResponseAdmin' = @{ ClientId = 'client-1'; UserPoolId = 'us-east-1_pool'; ChallengeName = 'NEW_PASSWORD_REQUIRED'; Session = 'canned-session-0123456789abcdef'; ChallengeResponse = @{ USERNAME = 'alice'; NEW_PASSWORD = 'Recorded-Pass-1!' } }
    }

    function New-ChallengeAnswer {
        <# Signs in a user who has a temporary password; returns the Send arguments that answer its NEW_PASSWORD_REQUIRED. #>
        $temp = New-TestUserPool $script:server -Temporary
        $r = Start-CGIPAuthAdmin @script:conn -ClientId $temp.ClientId -UserPoolId $temp.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $temp.UserName; PASSWORD = $temp.Password }
        $r.ChallengeName | Should -Be 'NEW_PASSWORD_REQUIRED'
        @{
            ClientId = $temp.ClientId; UserPoolId = $temp.UserPoolId; ChallengeName = 'NEW_PASSWORD_REQUIRED'; Session = $r.Session
            ChallengeResponse = @{ USERNAME = $temp.UserName; NEW_PASSWORD = 'Brand-New-Pass-7!' }
        }
    }

    function Invoke-Collecting([scriptblock] $__command) {
        <# Runs a command with all streams merged; returns output, debug/verbose/warning texts and the terminating error. #>
        $__items = [System.Collections.Generic.List[object]]::new()
        $__error = $null
        try { & $__command *>&1 | ForEach-Object { $__items.Add($_) } } catch { $__error = $_ }
        $__records = 'System.Management.Automation.DebugRecord', 'System.Management.Automation.VerboseRecord', 'System.Management.Automation.WarningRecord',
        'System.Management.Automation.InformationRecord', 'System.Management.Automation.ErrorRecord'
        [pscustomobject]@{
            Output  = @($__items | Where-Object { $_.GetType().FullName -notin $__records })
            Debug   = @($__items | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
            Verbose = @($__items | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            Warning = @($__items | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
            Errors  = @($__items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Error   = $__error
        }
    }


}

AfterAll {
    Stop-TestServer $script:server
}

Describe '-Select shapes what the cmdlets write' {
    It 'writes the whole response when -Select is omitted or is *' {
        $default = @(Start-CGIPAuthAdmin @script:signIn @script:conn)
        $default.Count | Should -Be 1
        $default[0] | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse'
        $star = @(Start-CGIPAuthAdmin @script:signIn @script:conn -Select '*')
        $star.Count | Should -Be 1
        $star[0] | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse'
        $star[0].AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty

        $answer = New-ChallengeAnswer
        $sent = @(Send-CGIPAuthChallengeResponseAdmin @answer @script:conn -Select '*')
        $sent.Count | Should -Be 1
        $sent[0] | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse'
    }

    It 'writes just the token string for AuthenticationResult.AccessToken' {
        $token = @(Start-CGIPAuthAdmin @script:signIn @script:conn -Select 'AuthenticationResult.AccessToken')
        $token.Count | Should -Be 1
        $token[0] | Should -BeOfType [string]
        $token[0].Split('.').Count | Should -Be 3

        $answer = New-ChallengeAnswer
        $sent = @(Send-CGIPAuthChallengeResponseAdmin @answer @script:conn -Select 'AuthenticationResult.AccessToken')
        $sent.Count | Should -Be 1
        $sent[0] | Should -BeOfType [string]
        $sent[0].Split('.').Count | Should -Be 3
    }

    It 'matches property paths case-insensitively' {
        Start-CGIPAuthAdmin @script:signIn @script:conn -Select 'authenticationresult.tokentype' | Should -BeExactly 'Bearer'
        Start-CGIPAuthAdmin @script:signIn @script:conn -Select 'AUTHENTICATIONRESULT.EXPIRESIN' | Should -BeGreaterThan 0
    }

    It 'writes one KeyValuePair per entry for ChallengeParameters, and nothing for an empty map' -Tag NotUnderWine {
        $endpoint = Start-RecordingEndpoint -ResponseBody $script:challengeBody
        try {
            $recorded = @{ EndpointUrl = $endpoint.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
            $startArgs = $script:recordedArgs['Start-CGIPAuthAdmin']; $sendArgs = $script:recordedArgs['Send-CGIPAuthChallengeResponseAdmin']
            $fromStart = @(Start-CGIPAuthAdmin @startArgs @recorded -Select ChallengeParameters)
            $fromSend = @(Send-CGIPAuthChallengeResponseAdmin @sendArgs @recorded -Select ChallengeParameters)
        } finally { Stop-TestServer $endpoint }
        foreach ($items in $fromStart, $fromSend) {
            $items.Count | Should -Be 3
            foreach ($item in $items) { $item | Should -BeOfType 'System.Collections.Generic.KeyValuePair[string,string]' }
            $items.Key | Sort-Object | Should -Be @('requiredAttributes', 'USER_ID_FOR_SRP', 'userAttributes')
            ($items | Where-Object Key -EQ 'USER_ID_FOR_SRP').Value | Should -Be 'alice'
        }

        # The emulator answers NEW_PASSWORD_REQUIRED with an empty map: nothing is written (not an empty dictionary).
        $temp = New-TestUserPool $script:server -Temporary
        $empty = @(Start-CGIPAuthAdmin @script:conn -ClientId $temp.ClientId -UserPoolId $temp.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter @{ USERNAME = $temp.UserName; PASSWORD = $temp.Password } -Select ChallengeParameters)
        $empty.Count | Should -Be 0
    }

    It 'writes the bound value for ^ClientId, and the hashtable itself for ^AuthParameters (an alias)' {
        Start-CGIPAuthAdmin @script:signIn @script:conn -Select '^ClientId' | Should -BeExactly $script:pool.ClientId
        Start-CGIPAuthAdmin @script:signIn @script:conn -Select '^clientid' | Should -BeExactly $script:pool.ClientId
        $table = @{ USERNAME = $script:pool.UserName; PASSWORD = $script:pool.Password }
        $selected = @(Start-CGIPAuthAdmin @script:conn -ClientId $script:pool.ClientId -UserPoolId $script:pool.UserPoolId `
                -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter $table -Select '^AuthParameters')
        $selected.Count | Should -Be 1 -Because 'a hashtable is written as one object'
        [object]::ReferenceEquals($selected[0], $table) | Should -BeTrue
    }

    It 'writes the bound hashtable for ^ChallengeResponses and the session for ^Session on Send' {
        $answer = New-ChallengeAnswer
        $selected = @(Send-CGIPAuthChallengeResponseAdmin @answer @script:conn -Select '^ChallengeResponses')
        $selected.Count | Should -Be 1
        [object]::ReferenceEquals($selected[0], $answer.ChallengeResponse) | Should -BeTrue
    }

    It '<Cmdlet> rejects -Select <Value> with "Invalid value for -Select parameter." before calling' -ForEach @(
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = '^Region'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = '^EndpointUrl'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = 'Foo'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = 'AuthenticationResult.Nope'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = ''; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Value = '^Region'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Value = 'Foo'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Value = ''; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
        # The secrets the module adds beyond AWS.Tools are not handed back by ^Name.
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = '^Password'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Value = '^ClientSecret'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Value = '^clientsecret'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Value = '^DevicePassword'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet' }
    ) {
        # The arguments would make the service fail; an ArgumentException shows the call was never made.
        $arguments = $script:failingArgs[$Cmdlet]
        $err = $null
        try { & $Cmdlet @arguments @script:conn -Select $Value -ErrorAction SilentlyContinue } catch { $err = $_ }
        $err | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $err.Exception | Should -BeOfType [System.ArgumentException]
        $err.Exception.Message | Should -BeLike 'Invalid value for -Select parameter.*'
        $err.Exception.ParamName | Should -Be 'Select'
        $err.FullyQualifiedErrorId | Should -Be "System.ArgumentException,$Class"
    }

    It '<Cmdlet> does not report a bad -Select under -WhatIf' -ForEach $bothCmdlets {
        $arguments = $script:failingArgs[$Cmdlet]
        $result = Invoke-Collecting { & $Cmdlet @arguments @script:conn -Select 'Foo' -WhatIf }
        $result.Error | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -BeNullOrEmpty
    }
}

Describe '-PassThru (AWS.Tools V4)' {
    It 'writes the ClientId instead of the response' {
        Start-CGIPAuthAdmin @script:signIn @script:conn -PassThru | Should -BeExactly $script:pool.ClientId
        $answer = New-ChallengeAnswer
        $out = @(Send-CGIPAuthChallengeResponseAdmin @answer @script:conn -PassThru)
        $out | Should -BeExactly @($answer.ClientId)
    }

    It '<Cmdlet> refuses -PassThru together with -Select, even -Select *' -ForEach $bothCmdlets {
        $arguments = $script:failingArgs[$Cmdlet]
        foreach ($select in '*', 'AuthenticationResult') {
            $err = $null
            try { & $Cmdlet @arguments @script:conn -Select $select -PassThru } catch { $err = $_ }
            $err.Exception | Should -BeOfType [System.ArgumentException]
            $err.Exception.Message | Should -BeLike '-PassThru cannot be used when -Select is specified.*'
            $err.FullyQualifiedErrorId | Should -Be "System.ArgumentException,$Class"
        }
    }

    It 'reports an invalid -Select before the -PassThru conflict' {
        { Start-CGIPAuthAdmin @script:wrongPassword @script:conn -Select 'Foo' -PassThru } | Should -Throw 'Invalid value for -Select parameter.*'
    }

    It 'treats -PassThru:$false as absent' {
        Start-CGIPAuthAdmin @script:signIn @script:conn -PassThru:$false -Select 'AuthenticationResult.TokenType' | Should -BeExactly 'Bearer'
    }
}

Describe 'ShouldProcess: -WhatIf, -Confirm and -Force' {
    It '<Cmdlet> -WhatIf makes no call: arguments the service would refuse give no error and no output' -ForEach $bothCmdlets {
        $arguments = $script:failingArgs[$Cmdlet]
        $result = Invoke-Collecting { & $Cmdlet @arguments @script:conn -WhatIf }
        $result.Error | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -BeNullOrEmpty
    }

    It '<Cmdlet> -WhatIf sends nothing, even with -Force' -ForEach $bothCmdlets -Tag NotUnderWine {
        $endpoint = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        try {
            $recorded = @{ EndpointUrl = $endpoint.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
            $arguments = $script:recordedArgs[$Cmdlet]
            & $Cmdlet @arguments @recorded -WhatIf | Should -BeNullOrEmpty
            & $Cmdlet @arguments @recorded -WhatIf -Force | Should -BeNullOrEmpty
            # Control: the same call without -WhatIf does reach the endpoint.
            & $Cmdlet @arguments @recorded -Select '^ClientId' | Should -Be 'client-1'
            $requests = Get-RecordedRequest $endpoint
        } finally { Stop-TestServer $endpoint }
        $requests.Count | Should -Be 1
        $requests[0].Target | Should -Be "AWSCognitoIdentityProviderService.$Operation"
    }

    It 'prints a What if line naming the cmdlet with its operation, and the ClientId as the target' -Tag NotUnderWine {
        # The What if line goes to the host, not to a stream: run a child pwsh and read what its host printed.
        $script = @"
Import-Module '$($script:modulePath)'
`$c = @{ EndpointUrl = '$($script:server.Url)'; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
Start-CGIPAuthAdmin -ClientId '$($script:pool.ClientId)' -UserPoolId '$($script:pool.UserPoolId)' -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter @{ USERNAME = 'u'; PASSWORD = 'p' } @c -WhatIf
Send-CGIPAuthChallengeResponseAdmin -ClientId 'send-client-id' -UserPoolId '$($script:pool.UserPoolId)' -ChallengeName NEW_PASSWORD_REQUIRED -Session 'sssssssssssssssssssssss' @c -WhatIf
Start-CGIPAuthAdmin -ClientId `$null -UserPoolId '$($script:pool.UserPoolId)' -AuthFlow ADMIN_USER_PASSWORD_AUTH @c -WhatIf -WarningAction SilentlyContinue
'done'
"@
        $lines = @(& $script:pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $lines | Should -Be @(
            "What if: Performing the operation `"Start-CGIPAuthAdmin (AdminInitiateAuth)`" on target `"$($script:pool.ClientId)`"."
            'What if: Performing the operation "Send-CGIPAuthChallengeResponseAdmin (AdminRespondToAuthChallenge)" on target "send-client-id".'
            'What if: Performing the operation "Start-CGIPAuthAdmin (AdminInitiateAuth)" on target "".'
            'done'
        )
    }

    It '-Force skips the confirmation that $ConfirmPreference = Low would ask for' {
        # A host-less runspace cannot prompt: a confirmation attempt surfaces as a HostException.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($modulePath, $signIn, $conn)
                    Import-Module $modulePath
                    $ConfirmPreference = 'Low'
                    $prompted = $null
                    try { Start-CGIPAuthAdmin @signIn @conn -Select 'AuthenticationResult.TokenType' } catch { $prompted = $_.Exception.GetType().FullName }
                    [pscustomobject]@{ Prompted = $prompted; Forced = Start-CGIPAuthAdmin @signIn @conn -Select 'AuthenticationResult.TokenType' -Force }
                }).AddArgument($script:modulePath).AddArgument($script:signIn).AddArgument($script:conn)
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        $result.Prompted | Should -Be 'System.Management.Automation.Host.HostException' -Because 'without -Force, ConfirmImpact Medium prompts at $ConfirmPreference Low'
        $result.Forced | Should -BeExactly 'Bearer'
    }
}

Describe '$null for a mandatory parameter' {
    BeforeAll {
        $script:nullWarning = 'You are passing $null as a value for parameter {0} which is marked as required. In case you believe this parameter was incorrectly marked as required, report this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues.'
    }

    It '<Cmdlet> -<Parameter> $null warns with the AWS.Tools text and still calls the service' -ForEach @(
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'ClientId' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'UserPoolId' }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'AuthFlow' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Parameter = 'ClientId' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Parameter = 'UserPoolId' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Parameter = 'ChallengeName' }
    ) {
        $arguments = if ($Cmdlet -eq 'Start-CGIPAuthAdmin') { $script:signIn.Clone() } else { $script:bogusAnswer.Clone() }
        $arguments[$Parameter] = $null
        $result = Invoke-Collecting { & $Cmdlet @arguments @script:conn }
        $result.Warning | Should -Be @($script:nullWarning -f $Parameter)
        # The service (not the cmdlet) refused it: a typed service exception with its error code and HTTP status.
        $result.Error | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'Amazon.CognitoIdentityProvider.Model.*Exception,Amazon.PowerShell.Cmdlets.CGIP.*'
        $result.Error.Exception.InnerException | Should -BeOfType 'Amazon.Runtime.AmazonServiceException'
        $result.Error.Exception.InnerException.ErrorCode | Should -Not -BeNullOrEmpty
        [int]$result.Error.Exception.InnerException.StatusCode | Should -Be 400
    }

    It 'does not warn when the mandatory parameters have values' {
        $result = Invoke-Collecting { Start-CGIPAuthAdmin @script:signIn @script:conn }
        $result.Warning | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 1
    }
}

Describe 'Hashtable values must already be strings' -Tag NotUnderWine {
    BeforeAll {
        $script:endpoint = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        $script:recorded = @{ EndpointUrl = $script:endpoint.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
    }
    AfterAll { Stop-TestServer $script:endpoint }

    It '<Cmdlet> -<Parameter> with a <Type> value stops with InvalidCastException, sends nothing and names no value' -ForEach @(
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'AuthParameter'; Type = 'System.Int32'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
           Value = @{ USERNAME = 'user-name-value'; PASSWORD = 'Pa55word-Value-X'; DEVICE_KEY = 42 } }
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'ClientMetadata'; Type = 'System.Boolean'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
           Value = @{ source = 'Pa55word-Value-X'; flag = $true } }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Parameter = 'ChallengeResponse'; Type = 'System.DateTime'; Class = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet'
           Value = @{ USERNAME = 'user-name-value'; NEW_PASSWORD = 'Pa55word-Value-X'; TIMESTAMP = [datetime]'2026-01-01' } }
    ) {
        $arguments = $script:recordedArgs[$Cmdlet].Clone()
        $arguments[$Parameter] = $Value
        $before = (Get-RecordedRequest $script:endpoint).Count
        $err = $null; $continued = $false
        try { & $Cmdlet @arguments @script:recorded -ErrorAction SilentlyContinue; $continued = $true } catch { $err = $_ }
        $continued | Should -BeFalse -Because 'the error is terminating, -ErrorAction SilentlyContinue does not hide it'
        $err.Exception | Should -BeOfType [System.InvalidCastException]
        $err.Exception.Message | Should -BeLike "Unable to cast object of type '$Type' to type 'System.String'*"
        $err.FullyQualifiedErrorId | Should -Be "System.InvalidCastException,$Class"
        $err.Exception.Message | Should -Not -Match 'Pa55word-Value-X|user-name-value'
        (Get-RecordedRequest $script:endpoint).Count | Should -Be $before -Because 'nothing is sent'
    }

    It 'sends string values unchanged (control)' {
        $before = (Get-RecordedRequest $script:endpoint).Count
        $startArgs = $script:recordedArgs['Start-CGIPAuthAdmin']
        Start-CGIPAuthAdmin @startArgs @script:recorded -ClientMetadata @{ a = 'b' } | Should -Not -BeNullOrEmpty
        $request = (Get-RecordedRequest $script:endpoint)[$before]
        ($request.Body | ConvertFrom-Json).AuthParameters.PASSWORD | Should -Be 'Recorded-Pass-1!'
        ($request.Body | ConvertFrom-Json).ClientMetadata.a | Should -Be 'b'
    }
}

Describe 'Credential and region chains' -Tag NotUnderWine {
    BeforeAll {
        $script:endpoint = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        $script:secrets = 'param-secret-0000', 'default-profile-secret-1111', 'other-profile-secret-2222', 'file-x-secret-3333',
        'env-secret-4444', 'stored-secret-5555', 'object-secret-6666', 'param-session-token-7777'

        # ~/.aws for the tests: a default profile with a region, and a second profile.
        $script:fakeHome = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Force (Join-Path $script:fakeHome '.aws') | Out-Null
        Set-Content (Join-Path $script:fakeHome '.aws/credentials') @"
[default]
aws_access_key_id = AKIDDEFAULTPROFILE
aws_secret_access_key = default-profile-secret-1111

[other]
aws_access_key_id = AKIDOTHERPROFILE
aws_secret_access_key = other-profile-secret-2222
"@
        Set-Content (Join-Path $script:fakeHome '.aws/config') @"
[default]
region = eu-west-1

[profile other]
region = eu-north-1
"@
        # A credentials file named with -ProfileLocation.
        $script:profileFile = Join-Path $TestDrive 'custom-credentials'
        Set-Content $script:profileFile @"
[x]
aws_access_key_id = AKIDFILEX
aws_secret_access_key = file-x-secret-3333
"@
        # A HOME without any ~/.aws.
        $script:emptyHome = Join-Path $TestDrive 'empty-home'
        New-Item -ItemType Directory -Force $script:emptyHome | Out-Null

        # The shape of AWS.Tools' $StoredAWSCredentials (AWSPSCredentials → AWSCredentials.GetCredentials() → keys).
        if (-not ('CgipTests.StoredCredentials' -as [type])) {
            Add-Type -TypeDefinition @'
namespace CgipTests {
    public sealed class ImmutableCredentials {
        public ImmutableCredentials(string a, string s) { AccessKey = a; SecretKey = s; }
        public string AccessKey { get; }
        public string SecretKey { get; }
        public string Token => null;
    }
    public sealed class BasicCredentials {
        private readonly string _a, _s;
        public BasicCredentials(string a, string s) { _a = a; _s = s; }
        public ImmutableCredentials GetCredentials() => new ImmutableCredentials(_a, _s);
    }
    public sealed class StoredCredentials {
        public StoredCredentials(BasicCredentials c) { Credentials = c; }
        public BasicCredentials Credentials { get; }
    }
}
'@
        }

        # Start with only the call's own arguments: credentials and region come from the chain under test.
        $script:call = @{ ClientId = 'client-1'; UserPoolId = 'us-east-1_pool'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameter = @{ USERNAME = 'alice'; PASSWORD = 'Recorded-Pass-1!' }; EndpointUrl = $script:endpoint.Url }

        function Invoke-Chain([hashtable] $Extra = @{}, [string] $Cmdlet = 'Start-CGIPAuthAdmin') {
            <# Calls the recording endpoint with -Debug -Verbose; returns streams plus the access key and region it was signed with. #>
            $arguments = if ($Cmdlet -eq 'Start-CGIPAuthAdmin') { $script:call + $Extra } else {
                @{ ClientId = 'client-1'; UserPoolId = 'us-east-1_pool'; ChallengeName = 'NEW_PASSWORD_REQUIRED'; Session = 'canned-session-0123456789abcdef'; EndpointUrl = $script:endpoint.Url } + $Extra
            }
            $before = (Get-RecordedRequest $script:endpoint).Count
            $result = Invoke-Collecting { & $Cmdlet @arguments -Debug -Verbose }
            $requests = @(Get-RecordedRequest $script:endpoint)
            $sent = if ($requests.Count -gt $before) { $requests[$before] } else { $null }
            $result | Add-Member -PassThru -NotePropertyMembers @{
                Sent = $requests.Count - $before; AccessKeyId = $sent.AccessKeyId; Region = $sent.Region
            }
        }

        function Assert-NoSecret($Result) {
            foreach ($line in @($Result.Debug) + @($Result.Verbose) + @($Result.Warning)) {
                foreach ($secret in $script:secrets) { $line | Should -Not -Match ([regex]::Escape($secret)) }
            }
        }
    }

    AfterAll { Stop-TestServer $script:endpoint }

    BeforeEach {
        # Isolate from the machine: our HOME, no AWS_* variables, no shell defaults. Restored after each test.
        $script:savedEnv = @{ HOME = $env:HOME }
        Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { $script:savedEnv[$_.Name] = $_.Value; Remove-Item "env:$($_.Name)" }
        $env:HOME = $script:fakeHome
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        Remove-Variable -Scope Global -Name StoredAWSCredentials, StoredAWSRegion -ErrorAction SilentlyContinue
    }

    AfterEach {
        Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { Remove-Item "env:$($_.Name)" }
        foreach ($entry in $script:savedEnv.GetEnumerator()) { Set-Item "env:$($entry.Key)" $entry.Value }
        Remove-Variable -Scope Global -Name StoredAWSCredentials, StoredAWSRegion -ErrorAction SilentlyContinue
    }

    Context 'credentials (spec §4.2)' {
        It 'uses -AccessKey/-SecretKey/-SessionToken before a profile, the shell variable, the environment and the default profile' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $global:StoredAWSCredentials = [CgipTests.StoredCredentials]::new([CgipTests.BasicCredentials]::new('AKIDSTORED', 'stored-secret-5555'))
            $r = Invoke-Chain @{ AccessKey = 'AKIDPARAM'; SecretKey = 'param-secret-0000'; SessionToken = 'param-session-token-7777'; ProfileName = 'other'; Region = 'us-east-1' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDPARAM'
            $r.Debug | Should -Contain 'Credentials obtained from the supplied key parameters'
            Assert-NoSecret $r
        }

        It 'ignores -AccessKey without -SecretKey and goes on down the chain' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $r = Invoke-Chain @{ AccessKey = 'AKIDPARAM'; Region = 'us-east-1' }
            $r.AccessKeyId | Should -Be 'AKIDENV'
        }

        It 'reads -ProfileName from the file named by -ProfileLocation (aliases AWSProfileName/ProfilesLocation)' {
            $r = Invoke-Chain @{ AWSProfileName = 'x'; ProfilesLocation = $script:profileFile; Region = 'us-east-1' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDFILEX'
            $r.Debug | Should -Contain "Credentials obtained from stored profile named 'x'"
            Assert-NoSecret $r
        }

        It 'reads -ProfileName from ~/.aws/credentials when no -ProfileLocation is given' {
            $r = Invoke-Chain @{ ProfileName = 'other'; Region = 'us-east-1' }
            $r.AccessKeyId | Should -Be 'AKIDOTHERPROFILE'
            $r.Debug | Should -Contain "Credentials obtained from stored profile named 'other'"
        }

        It '<Cmdlet> stops at a -ProfileName that does not exist, without falling back to the environment or the default profile' -ForEach $bothCmdlets {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $r = Invoke-Chain -Cmdlet $Cmdlet @{ ProfileName = 'no-such-profile'; Region = 'us-east-1' }
            $r.Error.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
            $r.Error.Exception | Should -BeOfType [System.InvalidOperationException]
            $r.Error.FullyQualifiedErrorId | Should -BeLike 'InvalidOperationException,*'
            $r.Error.FullyQualifiedErrorId | Should -Be "InvalidOperationException,$Class"
            $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $r.Sent | Should -Be 0
        }

        It 'searches only the -ProfileLocation file when one is given' {
            # 'other' exists in ~/.aws/credentials but not in the named file.
            $r = Invoke-Chain @{ ProfileName = 'other'; ProfileLocation = $script:profileFile; Region = 'us-east-1' }
            $r.Error.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
            $r.Sent | Should -Be 0
        }

        It 'resolves credentials even under -WhatIf, so a missing profile fails there too' {
            $err = $null
            try { Start-CGIPAuthAdmin @script:call -ProfileName 'no-such-profile' -Region 'us-east-1' -WhatIf } catch { $err = $_ }
            $err.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        }

        It 'uses a -Credential object before the shell variable and the environment' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $global:StoredAWSCredentials = [CgipTests.StoredCredentials]::new([CgipTests.BasicCredentials]::new('AKIDSTORED', 'stored-secret-5555'))
            $r = Invoke-Chain @{ Credential = [CgipTests.BasicCredentials]::new('AKIDOBJECT', 'object-secret-6666'); Region = 'us-east-1' }
            $r.AccessKeyId | Should -Be 'AKIDOBJECT'
            $r.Debug | Should -Contain 'Credentials obtained from supplied credentials object'
            Assert-NoSecret $r
        }

        It 'uses $StoredAWSCredentials (as Set-AWSCredential leaves it) before the environment and the default profile' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $global:StoredAWSCredentials = [CgipTests.StoredCredentials]::new([CgipTests.BasicCredentials]::new('AKIDSTORED', 'stored-secret-5555'))
            $r = Invoke-Chain @{ Region = 'us-east-1' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDSTORED'
            $source = @($r.Debug | Where-Object { $_ -like 'Credentials obtained from *' })
            $source.Count | Should -Be 1
            $source[0] | Should -Not -BeIn @('Credentials obtained from Environment', "Credentials obtained from stored profile named 'default'")
            Assert-NoSecret $r
        }

        It 'uses $StoredAWSCredentials holding a pscustomobject with AccessKey/SecretKey' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $global:StoredAWSCredentials = [pscustomobject]@{ AccessKey = 'AKIDSTORED'; SecretKey = 'stored-secret-5555' }
            $r = Invoke-Chain @{ Region = 'us-east-1' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDSTORED'
            Assert-NoSecret $r
        }

        It 'uses AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY before the default profile' {
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'env-secret-4444'
            $r = Invoke-Chain @{ Region = 'us-east-1' }
            $r.AccessKeyId | Should -Be 'AKIDENV'
            $r.Debug | Should -Contain 'Credentials obtained from Environment'
            Assert-NoSecret $r
        }

        It 'uses the default profile last' {
            $r = Invoke-Chain @{ Region = 'us-east-1' }
            $r.Error | Should -BeNullOrEmpty
            $r.AccessKeyId | Should -Be 'AKIDDEFAULTPROFILE'
            $r.Debug | Should -Contain "Credentials obtained from stored profile named 'default'"
            Assert-NoSecret $r
        }
    }

    Context 'region (spec §4.3)' {
        BeforeEach {
            $script:keys = @{ AccessKey = 'AKIDPARAM'; SecretKey = 'param-secret-0000' }
        }

        It '-Region beats $StoredAWSRegion, the default profile region and AWS_REGION' {
            $global:StoredAWSRegion = 'eu-central-1'; $env:AWS_REGION = 'sa-east-1'
            $r = Invoke-Chain ($script:keys + @{ Region = 'ap-south-1' })
            $r.Region | Should -Be 'ap-south-1'
            $r.Debug | Should -Contain "Region obtained from region parameter with value 'ap-south-1'"
        }

        It '$StoredAWSRegion beats the default profile region and AWS_REGION' {
            $global:StoredAWSRegion = 'eu-central-1'; $env:AWS_REGION = 'sa-east-1'
            $r = Invoke-Chain $script:keys
            $r.Region | Should -Be 'eu-central-1'
            $r.Debug | Should -Contain "Region obtained from shell variable `$StoredAWSRegion with value 'eu-central-1'"
        }

        It 'the default profile region beats AWS_REGION' {
            $env:AWS_REGION = 'sa-east-1'
            $r = Invoke-Chain $script:keys
            $r.Region | Should -Be 'eu-west-1'
            $r.Debug | Should -Contain "Region obtained from stored region with value 'eu-west-1'"
        }

        It 'AWS_REGION is used when nothing else names a region' {
            $env:HOME = $script:emptyHome
            $env:AWS_REGION = 'sa-east-1'
            $r = Invoke-Chain $script:keys
            $r.Region | Should -Be 'sa-east-1'
            $r.Debug | Should -Contain "Region obtained from Environment with value 'sa-east-1'"
        }

        It '<Cmdlet> fails with "No region specified ..." when no region is found anywhere' -ForEach $bothCmdlets {
            $env:HOME = $script:emptyHome
            $r = Invoke-Chain -Cmdlet $Cmdlet $script:keys
            $r.Error.Exception.Message | Should -BeExactly 'No region specified or obtained from persisted/shell defaults.'
            $r.Error.Exception | Should -BeOfType [System.InvalidOperationException]
            $r.Error.FullyQualifiedErrorId | Should -Be "InvalidOperationException,$Class"
            $r.Error.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $r.Sent | Should -Be 0
        }

        It 'checks credentials before region' {
            $env:HOME = $script:emptyHome
            $r = Invoke-Chain @{ ProfileName = 'no-such-profile' }
            $r.Error.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        }

        It 'reports missing credentials, not the missing region, when neither can be found' {
            $env:HOME = $script:emptyHome
            $r = Invoke-Chain @{}
            $r.Error.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
            $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidOperationException,Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'
            $r.Sent | Should -Be 0
        }

        It '-ClientConfig with ServiceURL and RegionEndpoint works without -EndpointUrl or -Region' {
            $westPool = New-TestUserPool $script:server -Region 'us-west-2'
            $r = Start-CGIPAuthAdmin -ClientId $westPool.ClientId -UserPoolId $westPool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                -AuthParameter @{ USERNAME = $westPool.UserName; PASSWORD = $westPool.Password } @script:keys `
                -ClientConfig @{ ServiceURL = $script:server.Url; RegionEndpoint = 'us-west-2' }
            $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty -Because 'the pool exists only in the emulator''s us-west-2 backend'
        }

        It 'the -ClientConfig RegionEndpoint beats $StoredAWSRegion, and -Region beats the -ClientConfig RegionEndpoint' {
            $config = @{ ServiceURL = $script:endpoint.Url; RegionEndpoint = 'us-west-2' }
            $global:StoredAWSRegion = 'eu-central-1'
            $before = (Get-RecordedRequest $script:endpoint).Count
            $startArgs = $script:recordedArgs['Start-CGIPAuthAdmin']
            Start-CGIPAuthAdmin @startArgs @script:keys -ClientConfig $config | Out-Null
            Start-CGIPAuthAdmin @startArgs @script:keys -ClientConfig $config -Region 'ap-south-1' | Out-Null
            $requests = @(Get-RecordedRequest $script:endpoint)
            $requests.Count | Should -Be ($before + 2)
            $requests[$before].Region | Should -Be 'us-west-2'
            $requests[$before + 1].Region | Should -Be 'ap-south-1'
        }
    }
}

Describe 'Client timeouts and unreachable endpoints' {
    It '<Cmdlet> ends a call to a server that never answers within the -ClientConfig Timeout' -ForEach $bothCmdlets {
        # The kernel accepts connections into the backlog; nobody ever reads or answers.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $url = "http://127.0.0.1:$($silent.LocalEndpoint.Port)"
            $arguments = $script:recordedArgs[$Cmdlet]
            $err = $null; $continued = $false
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                & $Cmdlet @arguments -EndpointUrl $url -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret `
                    -ClientConfig @{ Timeout = [timespan]'0:0:0.5'; MaxErrorRetry = 0 } -ErrorAction SilentlyContinue
                $continued = $true
            } catch { $err = $_ }
            $clock.Stop()
        } finally { $silent.Stop() }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $continued | Should -BeFalse -Because 'the error is terminating'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
        $err.Exception.InnerException | Should -BeOfType [System.TimeoutException]
        $err.FullyQualifiedErrorId | Should -Be "System.TimeoutException,$Class"
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It '<Cmdlet> names the endpoint URL when the connection is refused' -ForEach $bothCmdlets {
        $url = "http://127.0.0.1:$(Get-FreeTcpPort)"
        $arguments = $script:recordedArgs[$Cmdlet]
        $err = $null
        try { & $Cmdlet @arguments -EndpointUrl $url -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret -ClientConfig @{ MaxErrorRetry = 0 } } catch { $err = $_ }
        $err | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $err.Exception.Message | Should -Match ([regex]::Escape($url))
        $err.Exception.Message | Should -Not -Match 'Recorded-Pass-1!|test-secret'
    }
}

Describe 'Pipeline input' {
    It 'makes one call and writes one response per ClientId piped in' {
        $result = Invoke-Collecting {
            $script:pool.ClientId, $script:pool.ClientId, $script:pool.ClientId |
                Start-CGIPAuthAdmin -UserPoolId $script:pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter $script:signIn.AuthParameter @script:conn -Verbose
        }
        $result.Error | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 3
        $result.Output | ForEach-Object { $_ | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse' }
        @($result.Verbose | Where-Object { $_ -like 'Invoking *' }).Count | Should -Be 3
        @($result.Output.AuthenticationResult.AccessToken | Select-Object -Unique).Count | Should -Be 3
    }

    It 'binds ClientId and UserPoolId by property name from piped objects' {
        $inputs = 1..2 | ForEach-Object { [pscustomobject]@{ ClientId = $script:pool.ClientId; UserPoolId = $script:pool.UserPoolId } }
        $out = @($inputs | Start-CGIPAuthAdmin -AuthFlow ADMIN_USER_PASSWORD_AUTH -AuthParameter $script:signIn.AuthParameter @script:conn -Select 'AuthenticationResult.TokenType')
        $out | Should -Be @('Bearer', 'Bearer')
    }

    It 'Send makes one call per piped ClientId, each with that ClientId' -Tag NotUnderWine {
        $endpoint = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        try {
            $recorded = @{ EndpointUrl = $endpoint.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
            $out = @('id-a', 'id-b', 'id-c' | Send-CGIPAuthChallengeResponseAdmin -UserPoolId us-east-1_pool -ChallengeName NEW_PASSWORD_REQUIRED `
                    -Session 'canned-session-0123456789abcdef' -ChallengeResponse @{ USERNAME = 'alice'; NEW_PASSWORD = 'x' } @recorded)
            $requests = Get-RecordedRequest $endpoint
        } finally { Stop-TestServer $endpoint }
        $out.Count | Should -Be 3
        $requests.Count | Should -Be 3
        $requests | ForEach-Object { ($_.Body | ConvertFrom-Json).ClientId } | Should -Be @('id-a', 'id-b', 'id-c')
    }

    It 'gives each record the connection its own parameters name (endpoint and keys bound by property name)' -Tag NotUnderWine {
        # The connection is resolved once and reused while records bind the same parameters: a record that binds
        # others must not be sent with the previous record's endpoint or keys.
        $a = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        $b = Start-RecordingEndpoint -ResponseBody $script:tokensBody
        try {
            $inputs = @(
                [pscustomobject]@{ EndpointUrl = $a.Url; AccessKey = 'AKIDRECORDA'; SecretKey = 'secret-a' }
                [pscustomobject]@{ EndpointUrl = $a.Url; AccessKey = 'AKIDRECORDA'; SecretKey = 'secret-a' }
                [pscustomobject]@{ EndpointUrl = $b.Url; AccessKey = 'AKIDRECORDB'; SecretKey = 'secret-b' }
                [pscustomobject]@{ EndpointUrl = $a.Url; AccessKey = 'AKIDRECORDC'; SecretKey = 'secret-c' }
            )
            $call = $script:recordedArgs["Start-CGIPAuthAdmin"]
            $out = @($inputs | Start-CGIPAuthAdmin @call -Region us-east-1)
            $toA = @(Get-RecordedRequest $a); $toB = @(Get-RecordedRequest $b)
        } finally { Stop-TestServer $a; Stop-TestServer $b }
        $out.Count | Should -Be 4
        $toA.AccessKeyId | Should -Be @('AKIDRECORDA', 'AKIDRECORDA', 'AKIDRECORDC')
        $toB.AccessKeyId | Should -Be @('AKIDRECORDB')
    }

    It 'answers a challenge piped from Start-CGIPAuthAdmin (ChallengeName and Session bound by property name)' {
        $temp = New-TestUserPool $script:server -Temporary
        $r = Start-CGIPAuthAdmin @script:conn -ClientId $temp.ClientId -UserPoolId $temp.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
            -AuthParameter @{ USERNAME = $temp.UserName; PASSWORD = $temp.Password } |
            Send-CGIPAuthChallengeResponseAdmin $temp.ClientId -UserPoolId $temp.UserPoolId -ChallengeResponse @{ USERNAME = $temp.UserName; NEW_PASSWORD = 'Brand-New-Pass-7!' } @script:conn
        $r | Should -BeOfType 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse'
        $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
    }
}

Describe 'Verbose and debug output' {
    It '<Cmdlet> -Verbose prints one "Invoking ... on endpoint" line and no secret' -ForEach $bothCmdlets {
        $arguments = if ($Cmdlet -eq 'Start-CGIPAuthAdmin') { $script:signIn } else { New-ChallengeAnswer }
        $result = Invoke-Collecting { & $Cmdlet @arguments @script:conn -Verbose -Debug }
        $result.Error | Should -BeNullOrEmpty
        $result.Debug | Should -Not -BeNullOrEmpty -Because '-Debug is on, so the debug lines searched below exist'
        $invoking = @($result.Verbose | Where-Object { $_ -like 'Invoking *' })
        $invoking | Should -Be @("Invoking Amazon Cognito Identity Provider operation '$Operation' on endpoint '$($script:server.Url)'")
        $secrets = @($script:conn.SecretKey, $script:pool.Password, 'Brand-New-Pass-7!', $result.Output[0].AuthenticationResult.AccessToken,
            $result.Output[0].AuthenticationResult.RefreshToken, $result.Output[0].AuthenticationResult.IdToken, $arguments.Session) | Where-Object { $_ }
        $secrets.Count | Should -BeGreaterThan 3
        foreach ($line in @($result.Verbose) + @($result.Debug)) {
            foreach ($secret in $secrets) { $line | Should -Not -Match ([regex]::Escape($secret)) }
        }
    }
}
