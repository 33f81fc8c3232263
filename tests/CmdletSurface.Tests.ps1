# The command surface scripts written for AWS.Tools rely on, read through Get-Command and parameter
# metadata (spec §1, §3, §4.1, §7): names, types, positions, pipeline binding, aliases, mandatory/AllowNull,
# ShouldProcess, tab completion, the export list, and that importing the module loads no native code.
BeforeDiscovery {
    $script:cmdletCases = @(
        @{ Name = 'Start-CGIPAuthAdmin'; Kind = 'AuthFlow'; KindType = 'Amazon.CognitoIdentityProvider.AuthFlowType'; MapParameter = 'AuthParameter'; MapAlias = 'AuthParameters'; Additions = @('ClientSecret', 'Password'); AdditionAliases = @{}
           ImplementingType = 'Amazon.PowerShell.Cmdlets.CGIP.StartCGIPAuthAdminCmdlet'; OutputType = 'Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse' }
        @{ Name = 'Send-CGIPAuthChallengeResponseAdmin'; Kind = 'ChallengeName'; KindType = 'Amazon.CognitoIdentityProvider.ChallengeNameType'; MapParameter = 'ChallengeResponse'; MapAlias = 'ChallengeResponses'; Additions = @('ChallengeParameter', 'ClientSecret', 'DeviceGroupKey', 'DevicePassword', 'TotpSecret')
           # bound from the piped response's ChallengeParameters, which find the SRP exchange to sign
           AdditionAliases = @{ ChallengeParameter = @('ChallengeParameters') }
           ImplementingType = 'Amazon.PowerShell.Cmdlets.CGIP.SendCGIPAuthChallengeResponseAdminCmdlet'; OutputType = 'Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse' }
    )
}

BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:modulePath = (Get-Module CognitoAdminAuth).Path | Split-Path -Parent
    $script:pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    # The spec's own parameters of each cmdlet (§1.1/§1.2, Session on both, V4 PassThru) with their .NET types.
    $script:operationParameters = @{
        ClientId                              = 'System.String'
        UserPoolId                            = 'System.String'
        ClientMetadata                        = 'System.Collections.Hashtable'
        Session                               = 'System.String'
        AnalyticsMetadata_AnalyticsEndpointId = 'System.String'
        ContextData_EncodedData               = 'System.String'
        ContextData_HttpHeader                = 'Amazon.CognitoIdentityProvider.Model.HttpHeader[]'
        ContextData_IpAddress                 = 'System.String'
        ContextData_ServerName                = 'System.String'
        ContextData_ServerPath                = 'System.String'
        Select                                = 'System.String'
        PassThru                              = 'System.Management.Automation.SwitchParameter'
        Force                                 = 'System.Management.Automation.SwitchParameter'
        ClientConfig                          = 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderConfig'
    }
    # The common credential/region parameters (§4.1) whose types the module can match exactly.
    # Credential (AWSCredentials) and NetworkCredential (PSCredential) have their own tests below.
    $script:commonParameters = @{
        AccessKey       = 'System.String'
        SecretKey       = 'System.String'
        SessionToken    = 'System.String'
        ProfileName     = 'System.String'
        ProfileLocation = 'System.String'
        Region          = 'System.Object'
        EndpointUrl     = 'System.String'
    }
    $script:expectedAliases = @{
        AccessKey              = @('AK')
        SecretKey              = @('SecretAccessKey', 'SK')
        SessionToken           = @('ST')
        ProfileName            = @('AWSProfileName', 'StoredCredentials')
        ProfileLocation        = @('AWSProfilesLocation', 'ProfilesLocation')
        Region                 = @('RegionToCall')
        ContextData_HttpHeader = @('ContextData_HttpHeaders')
    }
    $script:engineParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    function Get-OwnParameters([string] $Name) {
        (Get-Command $Name).Parameters.Values | Where-Object { $_.Name -notin $script:engineParameters }
    }
    function Get-ParameterAttribute($Parameter) {
        @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    }
    function Get-Completions([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

Describe '<Name> has the AWS.Tools parameters' -ForEach $cmdletCases {
    It 'has exactly the parameters of the spec (operation, output shaping and common ones), in one parameter set' {
        # Additions: the module's own optional parameters for what AWS.Tools leaves to the caller (SECRET_HASH, SRP).
        $expected = @($script:operationParameters.Keys) + @($script:commonParameters.Keys) + @($Kind, $MapParameter, 'Credential') + $Additions
        # NetworkCredential is required by the spec but checked (and currently skipped) on its own below.
        $actual = (Get-OwnParameters $Name).Name | Where-Object { $_ -ne 'NetworkCredential' }
        $actual | Sort-Object | Should -Be ($expected | Sort-Object)
        (Get-Command $Name).ParameterSets.Name | Should -Be '__AllParameterSets'
    }

    It 'types every operation and common parameter as AWS.Tools does' {
        $parameters = (Get-Command $Name).Parameters
        $expected = $script:operationParameters + $script:commonParameters + @{ $Kind = $KindType; $MapParameter = 'System.Collections.Hashtable' }
        foreach ($entry in $expected.GetEnumerator()) {
            $parameters[$entry.Key].ParameterType.FullName | Should -Be $entry.Value -Because "-$($entry.Key) is $($entry.Value) in AWS.Tools"
        }
    }

    It 'declares -Credential as an AWSCredentials bound by value and by property name' {
        $p = (Get-Command $Name).Parameters['Credential']
        $p.ParameterType.FullName | Should -Be 'Amazon.Runtime.AWSCredentials'
        (Get-ParameterAttribute $p).ValueFromPipeline | Should -Contain $true
        (Get-ParameterAttribute $p).ValueFromPipelineByPropertyName | Should -Contain $true
    }

    It 'has -NetworkCredential as a PSCredential bound by value and by property name' {
        $p = (Get-Command $Name).Parameters['NetworkCredential']
        $p | Should -Not -BeNullOrEmpty
        $p.ParameterType.FullName | Should -Be 'System.Management.Automation.PSCredential'
        (Get-ParameterAttribute $p).ValueFromPipeline | Should -Contain $true
        (Get-ParameterAttribute $p).ValueFromPipelineByPropertyName | Should -Contain $true
    }

    It 'takes ClientId as its only positional parameter, at position 0' {
        $positional = Get-OwnParameters $Name | Where-Object { (Get-ParameterAttribute $_).Position -ge 0 }
        $positional.Name | Should -Be 'ClientId'
        (Get-ParameterAttribute $positional).Position | Should -Be 0
    }

    It 'binds a piped value only to ClientId (besides the credential objects the spec binds by value)' {
        $byValue = Get-OwnParameters $Name | Where-Object { (Get-ParameterAttribute $_).ValueFromPipeline -contains $true }
        @($byValue.Name | Where-Object { $_ -notin 'Credential', 'NetworkCredential' }) | Should -Be @('ClientId')
    }

    It 'binds every parameter by property name, so piped objects fill them' {
        $notByName = Get-OwnParameters $Name | Where-Object { (Get-ParameterAttribute $_).ValueFromPipelineByPropertyName -notcontains $true }
        $notByName.Name | Should -BeNullOrEmpty
    }

    It 'makes exactly ClientId, UserPoolId and <Kind> mandatory, each accepting $null' {
        $mandatory = Get-OwnParameters $Name | Where-Object { (Get-ParameterAttribute $_).Mandatory -contains $true }
        $mandatory.Name | Sort-Object | Should -Be (@('ClientId', 'UserPoolId', $Kind) | Sort-Object)
        foreach ($p in $mandatory) {
            $p.Attributes.Where({ $_ -is [System.Management.Automation.AllowNullAttribute] }).Count | Should -Be 1 -Because "-$($p.Name) is [AllowNull]"
        }
        $parameters = (Get-Command $Name).Parameters
        foreach ($s in 'ClientId', 'UserPoolId') {
            $parameters[$s].Attributes.Where({ $_ -is [System.Management.Automation.AllowEmptyStringAttribute] }).Count | Should -Be 1 -Because "-$s is [AllowEmptyString]"
        }
        $parameters[$Kind].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).Count | Should -Be 0 -Because 'unknown values go to the service'
    }

    It 'has the AWS.Tools aliases (and those of its additions) and no others' {
        $expected = $script:expectedAliases + @{ $MapParameter = @($MapAlias) } + $AdditionAliases
        foreach ($p in Get-OwnParameters $Name) {
            $want = if ($expected.ContainsKey($p.Name)) { @($expected[$p.Name] | Sort-Object) } else { @() }
            @($p.Aliases | Sort-Object) | Should -Be $want -Because "aliases of -$($p.Name)"
        }
    }

    It 'resolves the spec aliases to the right parameter when binding' {
        $cmd = Get-Command $Name
        $map = @{ AK = 'AccessKey'; SK = 'SecretKey'; SecretAccessKey = 'SecretKey'; ST = 'SessionToken'; StoredCredentials = 'ProfileName'
                  AWSProfileName = 'ProfileName'; AWSProfilesLocation = 'ProfileLocation'; ProfilesLocation = 'ProfileLocation'
                  RegionToCall = 'Region'; ContextData_HttpHeaders = 'ContextData_HttpHeader'; $MapAlias = $MapParameter }
        foreach ($entry in $map.GetEnumerator()) {
            $cmd.ResolveParameter($entry.Key).Name | Should -Be $entry.Value
        }
    }

    It 'supports ShouldProcess with ConfirmImpact Medium and declares its response type' {
        $cmd = Get-Command $Name
        $cmd.ImplementingType.FullName | Should -Be $ImplementingType
        $attribute = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::Medium)
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        $cmd.OutputType.Name | Should -Be $OutputType
    }
}

Describe 'Tab completion of the constant-class parameters' {
    It 'completes -AuthFlow ADMIN_ to the two ADMIN_ flows' {
        Get-Completions 'Start-CGIPAuthAdmin -AuthFlow ADMIN_' | Should -Be @('ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH')
    }

    It 'completes a lowercase prefix to the canonical upper-case values' {
        Get-Completions 'Start-CGIPAuthAdmin -AuthFlow admin_' | Should -Be @('ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH')
        Get-Completions 'Send-CGIPAuthChallengeResponseAdmin -ChallengeName sms' | Should -Be @('SMS_MFA', 'SMS_OTP')
    }

    It 'offers all eight AuthFlow values, sorted, for an empty word' {
        Get-Completions 'Start-CGIPAuthAdmin -AuthFlow ' | Should -Be @(
            'ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN', 'REFRESH_TOKEN_AUTH', 'USER_AUTH',
            'USER_PASSWORD_AUTH', 'USER_SRP_AUTH')
    }

    It 'offers all sixteen ChallengeName values, sorted, for an empty word' {
        Get-Completions 'Send-CGIPAuthChallengeResponseAdmin -ChallengeName ' | Should -Be @(
            'ADMIN_NO_SRP_AUTH', 'CUSTOM_CHALLENGE', 'DEVICE_PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'EMAIL_OTP', 'MFA_SETUP',
            'NEW_PASSWORD_REQUIRED', 'PASSWORD', 'PASSWORD_SRP', 'PASSWORD_VERIFIER', 'SELECT_CHALLENGE', 'SELECT_MFA_TYPE',
            'SMS_MFA', 'SMS_OTP', 'SOFTWARE_TOKEN_MFA', 'WEB_AUTHN')
    }

    It 'completes -ChallengeName NEW to NEW_PASSWORD_REQUIRED only' {
        Get-Completions 'Send-CGIPAuthChallengeResponseAdmin -ChallengeName NEW' | Should -Be @('NEW_PASSWORD_REQUIRED')
    }
}

Describe 'The module' {
    It 'exports the CGIP cmdlets of the sign-in journey, the helper cmdlets and the AWS.Tools V4 history cmdlets, and nothing else' {
        # Set-AWSHistoryConfiguration and Clear-AWSHistory come from AWS.Tools.Common (V4) and back $AWSHistory here;
        # the helpers do what AWS.Tools leaves to the caller (TOTP codes, SECRET_HASH, device verifiers, token reading,
        # MFA setup). Every other CGIP name is one AWS.Tools.CognitoIdentityProvider has for the same operation.
        $module = Get-Module CognitoAdminAuth
        @($module.ExportedCommands.Keys | Sort-Object) | Should -Be @(
            'Add-CGIPSoftwareToken', 'Clear-AWSHistory', 'Complete-CGIPSoftwareTokenSetup', 'Confirm-CGIPToken', 'ConvertFrom-CGIPUnverifiedToken',
            'Disconnect-CGIPUserGlobalAdmin', 'Get-CGIPSecretHash', 'Get-CGIPSrpPasswordClaim', 'Get-CGIPTokensFromRefreshToken', 'Get-CGIPTotpCode',
            'New-CGIPDeviceVerifier', 'New-CGIPSrpA', 'Revoke-CGIPToken', 'Send-CGIPAuthChallengeResponseAdmin', 'Set-AWSHistoryConfiguration',
            'Start-CGIPAuthAdmin', 'Start-CGIPSoftwareTokenSetup', 'Test-CGIPSoftwareToken')
        $module.ExportedCmdlets.Count | Should -Be 18
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'does not load the native library at import, only at the first call' {
        # A fresh process: the native library must be absent after Import-Module, and present after a call
        # (the call goes to a closed loopback port, so nothing leaves the machine; it proves the check sees the library).
        $port = Get-FreeTcpPort
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($script:modulePath)'
function Test-NativeLoaded { [bool]([System.Diagnostics.Process]::GetCurrentProcess().Modules | Where-Object { `$_.FileName -like '*cgip_native*' }) }
'afterImport=' + (Test-NativeLoaded)
try { Start-CGIPAuthAdmin x -UserPoolId p -AuthFlow ADMIN_USER_PASSWORD_AUTH -Region us-east-1 -AccessKey a -SecretKey b -EndpointUrl 'http://127.0.0.1:$port' -ClientConfig @{ MaxErrorRetry = 0 } } catch { }
'afterCall=' + (Test-NativeLoaded)
"@
        $output = & $script:pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
        $output | Should -Contain 'afterImport=False'
        $output | Should -Contain 'afterCall=True'
    }
}

