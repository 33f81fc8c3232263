# Get-Help for the module's cmdlets, generated at build time from module/help/*.md and the compiled cmdlets into
# CognitoAdminAuth.dll-Help.xml (scripts/New-ModuleHelp.ps1): every section present, every parameter described,
# the facts of AWS Tools' command reference pages, and examples that really run against a Cognito emulator.
BeforeDiscovery {
    Import-Module $env:CGIP_TEST_MODULE -Force
    $script:topicCases = @(
        @{ Name = 'Start-CGIPAuthAdmin'; MinExamples = 3 }
        @{ Name = 'Send-CGIPAuthChallengeResponseAdmin'; MinExamples = 3 }
        @{ Name = 'Set-AWSHistoryConfiguration'; MinExamples = 1 }
        @{ Name = 'Clear-AWSHistory'; MinExamples = 1 }
        @{ Name = 'Get-CGIPTotpCode'; MinExamples = 1 }
        @{ Name = 'Get-CGIPSecretHash'; MinExamples = 1 }
        @{ Name = 'New-CGIPDeviceVerifier'; MinExamples = 1 }
        @{ Name = 'ConvertFrom-CGIPUnverifiedToken'; MinExamples = 1 }
        @{ Name = 'New-CGIPSrpA'; MinExamples = 1 }
        @{ Name = 'Get-CGIPSrpPasswordClaim'; MinExamples = 1 }
        # What moto does not serve, or serves unlike Cognito, runs against tests/fixtures/journey_server.py.
        @{ Name = 'Add-CGIPSoftwareToken'; MinExamples = 1; Server = 'journey' }
        @{ Name = 'Test-CGIPSoftwareToken'; MinExamples = 2; Server = 'journey' }
        @{ Name = 'Get-CGIPTokensFromRefreshToken'; MinExamples = 2; Server = 'journey' }
        @{ Name = 'Revoke-CGIPToken'; MinExamples = 1; Server = 'journey' }
        @{ Name = 'Disconnect-CGIPUserGlobalAdmin'; MinExamples = 1; Server = 'journey' }
        @{ Name = 'Start-CGIPSoftwareTokenSetup'; MinExamples = 2; Server = 'journey' }
        @{ Name = 'Complete-CGIPSoftwareTokenSetup'; MinExamples = 2; Server = 'journey' }
        @{ Name = 'Confirm-CGIPToken'; MinExamples = 2; Server = 'journey' }
    )
    # Each example as Get-Help hands it to a reader, so what runs below is exactly what the help shows.
    $script:exampleCases = foreach ($topic in $script:topicCases) {
        $number = 0
        foreach ($example in @((Get-Help $topic.Name -Examples).examples.example)) {
            $number++
            @{ Cmdlet = $topic.Name; Number = $number; Title = ($example.title -replace '^-+\s*|\s*-+$', ''); Code = [string]$example.code
               Server = $topic.Server ?? 'moto' }
        }
    }

    # The parameter facts of AWS Tools' V4 command reference pages (the seed pages: Start-CGIPAuthAdmin and
    # Send-CGIPAuthChallengeResponseAdmin), copied field by field: Required?, Position?, Accept pipeline input?,
    # Aliases. The pages print -Force and -ClientConfig without their heading line; their facts are those below it.
    $common = @(
        @{ Name = 'AccessKey'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'AK' }
        @{ Name = 'Credential'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByValue, ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'EndpointUrl'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'NetworkCredential'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByValue, ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ProfileLocation'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'AWSProfilesLocation, ProfilesLocation' }
        @{ Name = 'ProfileName'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'StoredCredentials, AWSProfileName' }
        @{ Name = 'Region'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'RegionToCall' }
        @{ Name = 'SecretKey'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'SK, SecretAccessKey' }
        @{ Name = 'SessionToken'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'ST' }
        @{ Name = 'ClientConfig'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ClientId'; Required = 'True'; Position = '1'; Pipeline = 'True (ByValue, ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'UserPoolId'; Required = 'True'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ClientMetadata'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'AnalyticsMetadata_AnalyticsEndpointId'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ContextData_EncodedData'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ContextData_HttpHeader'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'ContextData_HttpHeaders' }
        @{ Name = 'ContextData_IpAddress'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ContextData_ServerName'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ContextData_ServerPath'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'Force'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'PassThru'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'Select'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
    )
    $start = @(
        @{ Name = 'AuthFlow'; Required = 'True'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'AuthParameter'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'AuthParameters' }
    )
    $send = @(
        @{ Name = 'ChallengeName'; Required = 'True'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
        @{ Name = 'ChallengeResponse'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'ChallengeResponses' }
        @{ Name = 'Session'; Required = 'False'; Position = 'Named'; Pipeline = 'True (ByPropertyName)'; Aliases = 'none' }
    )
    $script:seedCases = @(
        foreach ($fact in $common + $start) { $fact + @{ Cmdlet = 'Start-CGIPAuthAdmin' } }
        foreach ($fact in $common + $send) { $fact + @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin' } }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    # Loopback only: the credential chain must never probe EC2 instance metadata.
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $script:modulePath = (Get-Module CognitoAdminAuth).ModuleBase
    $script:engineParameters = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-DocumentedParameters([string] $Name) {
        @((Get-Command $Name).Parameters.Values | Where-Object { $_.Name -notin $script:engineParameters })
    }

    function Split-Aliases([string] $Text) {
        @(if ($Text -and $Text -ne 'none') { $Text -split ',\s*' | Sort-Object })
    }
}

Describe 'The generated help file' {
    It 'is MAML beside the module assembly, and listed in the manifest' {
        # PowerShell looks for a cmdlet's help beside the assembly that implements it.
        $assemblyFolder = Split-Path (Get-Command Start-CGIPAuthAdmin).ImplementingType.Assembly.Location -Parent
        $file = Join-Path $assemblyFolder 'CognitoAdminAuth.dll-Help.xml'
        $file | Should -Exist
        $xml = [xml](Get-Content -Raw $file)
        $xml.helpItems.schema | Should -Be 'maml'
        @($xml.helpItems.command).Count | Should -BeGreaterOrEqual 4
        (Import-PowerShellDataFile (Join-Path $script:modulePath 'CognitoAdminAuth.psd1')).FileList | Should -Contain 'CognitoAdminAuth.dll-Help.xml'
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $script:topicCases {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:fullText = $script:help | Out-String -Width 200
    }

    It 'shows a synopsis and a description written for the cmdlet' {
        # Without a help file Get-Help repeats the syntax as synopsis and has no description.
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -BeLike "$Name *"
        ($script:help.description.Text -join ' ').Length | Should -BeGreaterThan 100
        $script:fullText | Should -Match 'SYNOPSIS'
        $script:fullText | Should -Match 'DESCRIPTION'
    }

    It 'describes every parameter the cmdlet has, and no other' {
        $expected = @(Get-DocumentedParameters $Name | ForEach-Object Name | Sort-Object)
        $documented = @($script:help.parameters.parameter | Where-Object { $_ } | ForEach-Object { [string]$_.name } | Sort-Object)
        $documented -join ', ' | Should -Be ($expected -join ', ')
        foreach ($p in @($script:help.parameters.parameter | Where-Object { $_ })) {
            ($p.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.name) needs a description"
        }
    }

    It 'states the same facts as the compiled cmdlet: required, position, pipeline input, aliases' {
        foreach ($meta in (Get-DocumentedParameters $Name)) {
            $set = $meta.ParameterSets.Values | Select-Object -First 1
            $h = Get-Help $Name -Parameter $meta.Name
            $because = "-$($meta.Name) of $Name"
            "$($h.required)" | Should -Be ([string]$set.IsMandatory) -Because $because
            $position = if ($set.Position -ge 0) { [string]($set.Position + 1) } else { 'Named' }
            "$($h.position)" | Should -Be $position -Because "$because (help positions are 1-based, as in AWS Tools' reference)"
            $pipeline = if ($set.ValueFromPipeline -and $set.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' }
                        elseif ($set.ValueFromPipeline) { 'True (ByValue)' } elseif ($set.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
            "$($h.pipelineInput)" | Should -Be $pipeline -Because $because
            (Split-Aliases $h.aliases) -join ', ' | Should -Be (@($meta.Aliases | Sort-Object) -join ', ') -Because $because
        }
    }

    It 'has at least <MinExamples> examples, each with code and an explanation' {
        $examples = @((Get-Help $Name -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual $MinExamples
        foreach ($e in $examples) {
            $e.title | Should -Match 'Example \d+: \S'
            [string]$e.code | Should -Match $Name.Split('-')[0] -Because 'an example shows its cmdlet in use'
            ($e.remarks.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Parameter facts as on the AWS Tools command reference page' {
    It '<Cmdlet> -<Name>: required <Required>, position <Position>, pipeline input <Pipeline>, aliases <Aliases>' -ForEach $script:seedCases {
        $h = Get-Help $Cmdlet -Parameter $Name
        "$($h.required)" | Should -Be $Required
        "$($h.position)" | Should -Be $Position
        "$($h.pipelineInput)" | Should -Be $Pipeline
        (Split-Aliases $h.aliases) -join ', ' | Should -Be ((Split-Aliases $Aliases) -join ', ')
    }

    It 'prints ClientId of <_> as the reference page does: Position? 1, Accept pipeline input? True (ByValue, ByPropertyName)' -ForEach @(
        'Start-CGIPAuthAdmin', 'Send-CGIPAuthChallengeResponseAdmin') {
        $text = Get-Help $_ -Parameter ClientId | Out-String -Width 200
        $text | Should -Match 'Required\?\s+true'
        $text | Should -Match 'Position\?\s+1\b'
        $text | Should -Match 'Accept pipeline input\?\s+True \(ByValue, ByPropertyName\)'
    }

    It 'prints the map aliases of <Cmdlet>: <Alias>' -ForEach @(
        @{ Cmdlet = 'Start-CGIPAuthAdmin'; Parameter = 'AuthParameter'; Alias = 'AuthParameters' }
        @{ Cmdlet = 'Send-CGIPAuthChallengeResponseAdmin'; Parameter = 'ChallengeResponse'; Alias = 'ChallengeResponses' }) {
        Get-Help $Cmdlet -Parameter $Parameter | Out-String -Width 200 | Should -Match "Aliases\s+$Alias\b"
    }
}

Describe 'Each help example runs against the Cognito emulator' {
    BeforeAll {
        $script:server = Start-MotoServer
        $script:conn = Get-TestConnection $script:server
        $script:newPassword = 'Renewed-Passw0rd-42!'

        # One example, run as a reader would run it (dot-sourced into the It, whose -ForEach case it reads).
        $script:runExample = {
            $Code | Should -Not -Match '-EndpointUrl|-AccessKey|-SecretKey|-Region\b|127\.0\.0\.1|AKID' -Because 'examples leave endpoint, keys and region to the reader''s configuration'

            # A fresh pool and user per example; examples that set a new password get a user with a temporary one.
            $journey = $null
            if ($Server -eq 'journey') {
                # One user with no authenticator in a pool that requires one where the example registers it (MFA_SETUP),
                # and an app client that rotates refresh tokens.
                $config = @{
                    poolId = 'us-east-1_HelpPool1'; mfa = $(if ($Code -match 'SoftwareToken') { 'ON' } else { 'OFF' }); enabledMfas = @('SOFTWARE_TOKEN_MFA')
                    clients = @(@{ id = 'helpclient'; refreshTokenRotation = $true; retryGracePeriodSeconds = 0 })
                    users = @(@{ username = 'alice'; password = 'Correct-Horse-9!' })
                }
                $configFile = Join-Path $TestDrive "journey-$Number-$($Cmdlet).json"
                $config | ConvertTo-Json -Depth 5 | Set-Content $configFile
                $journey = Start-LoopbackFixture 'journey_server.py' $configFile
                $connection = Get-TestConnection $journey
                $pool = [pscustomobject]@{ UserPoolId = $config.poolId; ClientId = 'helpclient'; UserName = 'alice'; Password = 'Correct-Horse-9!' }
            } else {
                $connection = $script:conn
                $temporary = $Code -match 'NEW_PASSWORD'
                $pool = New-TestUserPool $script:server -Temporary:$temporary
            }

            # A fresh runspace that has only the module, the documented variables and default connection parameters.
            $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $iss.ImportPSModule([string[]] @($script:modulePath))
            $defaults = @{}
            foreach ($key in $connection.Keys) { $defaults["*-CGIP*:$key"] = $connection[$key] }
            # The JWKS is the fixture's, where a reader's is Cognito's: configuration, like the endpoint.
            if ($journey) { $defaults['Confirm-CGIPToken:JwksUri'] = "$($journey.Url)/$($pool.UserPoolId)/.well-known/jwks.json" }
            $variables = @{
                clientId = $pool.ClientId; userPoolId = $pool.UserPoolId; userName = $pool.UserName; password = $pool.Password
                newPassword = $script:newPassword; PSDefaultParameterValues = $defaults; ErrorActionPreference = 'Stop'
            }
            foreach ($name in $variables.Keys) {
                $iss.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new($name, $variables[$name], ''))
            }
            $ps = [powershell]::Create($iss)
            try {
                $failure = $null
                $output = try { $ps.AddScript($Code).AddCommand('Out-String').AddParameter('Width', 200).Invoke() } catch { $failure = $_.Exception.InnerException ?? $_.Exception }
                $failure | Should -BeNullOrEmpty -Because "the example must run: $($failure.Message)"
                @($ps.Streams.Error) | Should -BeNullOrEmpty -Because "the example must not write errors: $(@($ps.Streams.Error) -join '; ')"
                $warnings = @($ps.Streams.Warning | ForEach-Object Message)
                $warnings | Should -Not -Match 'You are passing \$null' -Because 'every mandatory parameter gets a value'
                if ($Code -match '\bcatch\b') {
                    $warnings | Should -Not -BeNullOrEmpty -Because 'an example that shows error handling must reach its handler (which warns)'
                }
                "$output" | Should -Not -Match 'eyJ[\w-]+\.eyJ' -Because 'no example prints a token on screen'
            } finally {
                $ps.Dispose()
                if ($journey) { Stop-TestServer $journey }
            }

            if ($Code -match '\$newPassword') {
                # The challenge was really answered: the user now signs in with the new password.
                $r = Start-CGIPAuthAdmin $pool.ClientId -UserPoolId $pool.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
                    -AuthParameter @{ USERNAME = $pool.UserName; PASSWORD = $script:newPassword } @script:conn
                $r.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
            }
        }

        function Reset-History {
            # $AWSHistory's buffer belongs to the process, so an example's settings would outlive its runspace.
            Set-AWSHistoryConfiguration -MaxCmdletHistory 5 -MaxServiceCallHistory 5 -RecordServiceRequests:$false -IncludeSensitiveData:$false
            Clear-AWSHistory
        }
    }

    AfterAll {
        Reset-History
        Stop-TestServer $script:server
    }

    AfterEach { Reset-History }

    # An example that needs journey_server.py (a Python fixture started per example) cannot start it from the
    # win-x64 PowerShell under Wine; those run on Linux only.
    It '<Cmdlet> <Title>' -ForEach @($script:exampleCases | Where-Object Server -eq 'moto') { . $script:runExample }

    It '<Cmdlet> <Title>' -ForEach @($script:exampleCases | Where-Object Server -eq 'journey') -Tag NotUnderWine { . $script:runExample }
}
