#Requires -Modules Pester
<#
The module in one session with AWS.Tools (issue "Beside AWS.Tools"): in either import order, with AWS.Tools V4
(AWSSDK.Core 3.7.402) and V5 (4.1.1), the module changes nothing about AWS.Tools' types, errors, $AWSHistory
and commands, and scripts catch and pipe the module's objects by AWS.Tools' names.

The AWS.Tools modules are doubles (tests/doubles, docs/testing.md): the real AWSSDK.Core from NuGet in module
folders shaped as AWS.Tools installs them, an AWS.Tools.Common V4 double with its $AWSHistory members, and an
AWSSDK.CognitoIdentityProvider double generated from botocore's model with AWS.Tools-shaped cmdlets. Each case
runs in a fresh PowerShell whose PSModulePath holds the doubles and the module under test.
#>

BeforeDiscovery {
    # {alone, V4 Common, V5 Common, V5 Common + Cognito} x {module first, AWS.Tools first}; alone has one order.
    $script:cases = foreach ($setting in 'v4-common', 'v5-common', 'v5-cognito') {
        foreach ($order in 'ModuleFirst', 'AwsToolsFirst') { @{ Setting = $setting; Order = $order } }
    }
    $script:cases = @(@{ Setting = 'alone'; Order = 'ModuleFirst' }) + $script:cases
}

BeforeAll {
    $root = Split-Path $PSScriptRoot -Parent
    $script:modulePath = if ($env:CGIP_TEST_MODULE) { $env:CGIP_TEST_MODULE } else { Join-Path $root 'out/CognitoAdminAuth' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    # Built on the Linux side (dotnet and the botocore wheel are there); under Wine the run hands the folder over.
    $script:doubles = if ($env:CGIP_TEST_AWS_TOOLS_DOUBLES) { $env:CGIP_TEST_AWS_TOOLS_DOUBLES } else {
        $path = Join-Path $root 'out/aws-tools-doubles'
        & (Join-Path $PSScriptRoot 'doubles/New-AwsToolsDoubles.ps1') -OutPath $path | Out-Host
        $path
    }
    # V5 with AWS.Tools.Common alone installed (the doubles' v5 root also installs AWS.Tools.CognitoIdentityProvider).
    $script:v5CommonOnly = Join-Path ([IO.Path]::GetTempPath()) "cgip-v5-common-$([guid]::NewGuid().ToString('n'))"
    New-Item -ItemType Directory -Path $script:v5CommonOnly | Out-Null
    Copy-Item -Recurse (Join-Path $script:doubles 'v5/AWS.Tools.Common') $script:v5CommonOnly
    $script:server = Start-MotoServer

    # The module folder's parent on PSModulePath, so that scripts import it by name, as users do.
    $script:moduleRoot = Split-Path (Resolve-Path $script:modulePath).Path -Parent
    $script:sep = [IO.Path]::PathSeparator

    # Runs $Script in a fresh PowerShell with these PSModulePath roots first; returns its last output line as an object.
    function Invoke-Session([string[]] $Roots, [string] $Script, [hashtable] $Arguments = @{}) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "cgip-coexistence-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -Path $file -Value $Script -Encoding utf8
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = (@($Roots) + $saved) -join $script:sep
            $json = $Arguments | ConvertTo-Json -Compress -Depth 5
            $lines = @(& $script:pwsh -NoProfile -NonInteractive -File $file $json 2>&1 | ForEach-Object { "$_" })
        } finally {
            $env:PSModulePath = $saved
            Remove-Item $file -ErrorAction Ignore
        }
        $last = $lines | Where-Object { $_ -like '{*' } | Select-Object -Last 1
        if (-not $last) { throw "the session printed no result:`n$($lines -join "`n")" }
        $last | ConvertFrom-Json
    }

    function Get-Roots([string] $Setting) {
        $aws = switch ($Setting) { 'alone' { @() } 'v4-common' { Join-Path $script:doubles 'v4' } 'v5-common' { $script:v5CommonOnly } default { Join-Path $script:doubles 'v5' } }
        @($aws) + $script:moduleRoot
    }

    # What a user's script sees in one session: imports in the given order, then each check of the issue.
    $script:observe = @'
param([string] $ArgumentsJson)
$ErrorActionPreference = 'Stop'
$a = $ArgumentsJson | ConvertFrom-Json
$conn = @{ EndpointUrl = $a.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
$awsTools = switch ($a.Setting) { 'alone' { @() } 'v5-cognito' { @('AWS.Tools.CognitoIdentityProvider') } default { @('AWS.Tools.Common') } }
if ($a.Order -eq 'AwsToolsFirst') { $awsTools | ForEach-Object { Import-Module $_ }; Import-Module CognitoAdminAuth }
else { Import-Module CognitoAdminAuth; $awsTools | ForEach-Object { Import-Module $_ } }
$o = [ordered]@{}
function Get-Definers([string] $Name) {
    @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.GetType($Name, $false) } | ForEach-Object { $_.GetName().Name })
}
$o.ServiceExceptionDefiners = Get-Definers 'Amazon.Runtime.AmazonServiceException'
$o.AuthFlowTypeDefiners = Get-Definers 'Amazon.CognitoIdentityProvider.AuthFlowType'
$o.ServiceExceptionFrom = [Amazon.Runtime.AmazonServiceException].Assembly.GetName().Name
$o.ResponseFrom = [Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse].Assembly.GetName().Name

# 1. AWS.Tools' own errors, caught by their type name after the module was imported.
if ($awsTools) {
    $o.AwsToolsErrorCaught = try { Invoke-AWSDoubleServiceCall; 'not thrown' } catch [Amazon.Runtime.AmazonServiceException] { 'caught' } catch { "missed $($_.Exception.GetType().FullName)" }
}

# 2. The module's errors, caught by the names scripts written for AWS.Tools use.
$wrong = @{ ClientId = $a.ClientId; UserPoolId = $a.UserPoolId; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameter = @{ USERNAME = $a.UserName; PASSWORD = 'Wrong-Password-1!' } }
$o.ModuleErrorCaughtAs = [ordered]@{}
foreach ($type in 'Amazon.Runtime.AmazonServiceException', 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException', 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException') {
    $o.ModuleErrorCaughtAs[$type] = . ([scriptblock]::Create("try { CognitoAdminAuth\Start-CGIPAuthAdmin @wrong @conn; 'not thrown' } catch [$type] { 'caught' } catch { 'missed ' + `$_.Exception.InnerException.GetType().AssemblyQualifiedName }"))
}

# 3. The module's output is the session's SDK type; constants of the session's types are accepted.
$right = @{ ClientId = $a.ClientId; UserPoolId = $a.UserPoolId; AuthParameter = @{ USERNAME = $a.UserName; PASSWORD = $a.Password } }
$signedIn = CognitoAdminAuth\Start-CGIPAuthAdmin @right @conn -AuthFlow ([Amazon.CognitoIdentityProvider.AuthFlowType]::ADMIN_USER_PASSWORD_AUTH)
$o.OutputIsSdkType = $signedIn -is [Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse]
$o.OutputHasToken = [bool]$signedIn.AuthenticationResult.AccessToken
$o.KindParameterType = (Get-Command CognitoAdminAuth\Send-CGIPAuthChallengeResponseAdmin).Parameters['ChallengeName'].ParameterType.AssemblyQualifiedName
$o.SessionChallengeNameType = [Amazon.CognitoIdentityProvider.ChallengeNameType].AssemblyQualifiedName

# Objects crossing both ways, where AWS.Tools' Cognito cmdlets are there.
if ($a.Setting -eq 'v5-cognito') {
    $theirs = AWS.Tools.CognitoIdentityProvider\Start-CGIPAuthAdmin -ClientId $a.ClientId -UserPoolId $a.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH `
        -AuthParameter @{ USERNAME = $a.NewUser1; PASSWORD = $a.Password } -EndpointUrl $a.Url -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret
    $o.TheirsIsChallenge = "$($theirs.ChallengeName)"
    $done = $theirs | CognitoAdminAuth\Send-CGIPAuthChallengeResponseAdmin -ClientId $a.ClientId -UserPoolId $a.UserPoolId @conn `
        -ChallengeResponse @{ USERNAME = $a.NewUser1; NEW_PASSWORD = 'New-Password-1!' }
    $o.TheirsIntoOurs = [bool]$done.AuthenticationResult.AccessToken
    $ours = CognitoAdminAuth\Start-CGIPAuthAdmin -ClientId $a.ClientId -UserPoolId $a.UserPoolId -AuthFlow ADMIN_USER_PASSWORD_AUTH @conn `
        -AuthParameter @{ USERNAME = $a.NewUser2; PASSWORD = $a.Password }
    $done = $ours | AWS.Tools.CognitoIdentityProvider\Send-CGIPAuthChallengeResponseAdmin -ClientId $a.ClientId -UserPoolId $a.UserPoolId `
        -ChallengeResponse @{ USERNAME = $a.NewUser2; NEW_PASSWORD = 'New-Password-1!' } -EndpointUrl $a.Url -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret
    $o.OursIntoTheirs = [bool]$done.AuthenticationResult.AccessToken
    $o.TheirKindParameterType = (Get-Command AWS.Tools.CognitoIdentityProvider\Send-CGIPAuthChallengeResponseAdmin).Parameters['ChallengeName'].ParameterType.AssemblyQualifiedName
    $o.TheirErrorCaught = try {
        AWS.Tools.CognitoIdentityProvider\Start-CGIPAuthAdmin -ClientId $a.ClientId -UserPoolId $a.UserPoolId -AuthFlow ([Amazon.CognitoIdentityProvider.AuthFlowType]::ADMIN_USER_PASSWORD_AUTH) `
            -AuthParameter @{ USERNAME = $a.UserName; PASSWORD = 'Wrong-Password-1!' } -EndpointUrl $a.Url -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret
        'not thrown'
    } catch [Amazon.CognitoIdentityProvider.Model.NotAuthorizedException] { 'caught' } catch { "missed $($_.Exception.GetType().FullName)" }
}

# 4. One history: AWS.Tools V4's where it keeps one, the module's otherwise.
$o.HistoryOwner = $AWSHistory.GetType().Assembly.GetName().Name
$o.HistoryCommands = @($AWSHistory.Commands | ForEach-Object { $_.CmdletName })
$o.HistoryCommandsSource = @('Set-AWSHistoryConfiguration', 'Clear-AWSHistory' | ForEach-Object { (Get-Command $_).Source })
Set-AWSHistoryConfiguration -MaxCmdletHistory 1
CognitoAdminAuth\Start-CGIPAuthAdmin @right @conn -AuthFlow ADMIN_USER_PASSWORD_AUTH | Out-Null
$o.HistoryAfterLimit = @($AWSHistory.Commands | ForEach-Object { $_.CmdletName })

# -ClientConfig as a hashtable, whichever config type the session has (the Cognito double has none).
$viaConfig = CognitoAdminAuth\Start-CGIPAuthAdmin @right -AuthFlow ADMIN_USER_PASSWORD_AUTH -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret -ClientConfig @{ ServiceURL = $a.Url }
$o.ClientConfigHashtableWorks = [bool]$viaConfig.AuthenticationResult.AccessToken
$o.HistoryKeptTokens = [bool]$AWSHistory.LastServiceResponse.AuthenticationResult.AccessToken
$o.HistoryKeptExpiry = $AWSHistory.LastServiceResponse.AuthenticationResult.ExpiresIn
Clear-AWSHistory
$o.HistoryAfterClear = @($AWSHistory.Commands).Count

# 5. The sign-in journey's cmdlets answer in the session's types too (AssociateSoftwareToken, VerifySoftwareToken).
$accessToken = $signedIn.AuthenticationResult.AccessToken
$association = CognitoAdminAuth\Add-CGIPSoftwareToken -AccessToken $accessToken @conn
$o.AssociationIsSdkType = $association -is [Amazon.CognitoIdentityProvider.Model.AssociateSoftwareTokenResponse]
$verified = CognitoAdminAuth\Test-CGIPSoftwareToken -AccessToken $accessToken -UserCode (Get-CGIPTotpCode $association.SecretCode) @conn
$o.VerificationStatus = "$($verified.Status)"
$o.VerificationStatusIsSdkType = $verified.Status -is [Amazon.CognitoIdentityProvider.VerifySoftwareTokenResponseType]

# 6. Which Start-CGIPAuthAdmin runs: the one imported last, unless module-qualified.
$o.UnqualifiedSource = (Get-Command Start-CGIPAuthAdmin).Source
$o | ConvertTo-Json -Compress -Depth 5
'@
}

AfterAll {
    Stop-TestServer $script:server
    Remove-Item -Recurse -Force $script:v5CommonOnly -ErrorAction Ignore
}

Describe 'In one session with AWS.Tools (<Setting>, <Order>)' -ForEach $script:cases {
    BeforeAll {
        $pool = New-TestUserPool $script:server
        foreach ($user in 'new.one', 'new.two') {
            Invoke-CognitoApi $script:server AdminCreateUser @{ UserPoolId = $pool.UserPoolId; Username = $user; TemporaryPassword = $pool.Password; MessageAction = 'SUPPRESS' } | Out-Null
        }
        $script:seen = Invoke-Session (Get-Roots $Setting) $script:observe @{
            Setting = $Setting; Order = $Order; Url = $script:server.Url; ClientId = $pool.ClientId; UserPoolId = $pool.UserPoolId
            UserName = $pool.UserName; Password = $pool.Password; NewUser1 = 'new.one'; NewUser2 = 'new.two'
        }
        $script:withAwsTools = $Setting -ne 'alone'
        $script:expectedCore = switch ($Setting) { 'alone' { 'CognitoAdminAuth.StandIn.Core' } default { 'AWSSDK.Core' } }
        $script:expectedCognito = switch ($Setting) {
            'alone' { 'CognitoAdminAuth.StandIn.Cognito' } 'v5-cognito' { 'AWSSDK.CognitoIdentityProvider' } default { 'CognitoAdminAuth.StandIn.CognitoOnSdk' }
        }
    }

    It 'loads one definition of each AWS type: the user''s AWS SDK where there is one, the stand-ins only where there is none' {
        $script:seen.ServiceExceptionDefiners | Should -Be @($script:expectedCore)
        $script:seen.AuthFlowTypeDefiners | Should -Be @($script:expectedCognito)
        $script:seen.ServiceExceptionFrom | Should -Be $script:expectedCore
        $script:seen.ResponseFrom | Should -Be $script:expectedCognito
    }

    It 'leaves AWS.Tools'' errors caught by [Amazon.Runtime.AmazonServiceException]' -Skip:($Setting -eq 'alone') {
        $script:seen.AwsToolsErrorCaught | Should -Be 'caught'
    }

    It 'throws errors that [<_>] catches' -ForEach 'Amazon.Runtime.AmazonServiceException', 'Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException', 'Amazon.CognitoIdentityProvider.Model.NotAuthorizedException' {
        $script:seen.ModuleErrorCaughtAs.$_ | Should -Be 'caught'
    }

    It 'answers with an [Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse] and takes the session''s AuthFlowType values' {
        $script:seen.OutputIsSdkType | Should -BeTrue
        $script:seen.OutputHasToken | Should -BeTrue
        $script:seen.KindParameterType | Should -Be $script:seen.SessionChallengeNameType
    }

    It 'answers AssociateSoftwareToken and VerifySoftwareToken in the session''s types' {
        $script:seen.AssociationIsSdkType | Should -BeTrue
        $script:seen.VerificationStatus | Should -Be 'SUCCESS'
        $script:seen.VerificationStatusIsSdkType | Should -BeTrue
    }

    It 'takes -ClientConfig as a hashtable, whichever config type the session has' {
        $script:seen.ClientConfigHashtableWorks | Should -BeTrue
    }

    It 'records into the history the session shows as $AWSHistory, and leaves its commands their meaning' {
        if ($Setting -eq 'v4-common') {
            # AWS.Tools V4 keeps $AWSHistory: both modules' calls are in it, and its limit applies to the module's calls.
            $script:seen.HistoryOwner | Should -Be 'AWS.Tools.Common'
            $script:seen.HistoryCommands | Should -Contain 'Start-CGIPAuthAdmin'
            $script:seen.HistoryCommands | Should -Contain 'Invoke-AWSDoubleServiceCall'
            $script:seen.HistoryAfterLimit | Should -Be @('Start-CGIPAuthAdmin')
            if ($Order -eq 'ModuleFirst') { $script:seen.HistoryCommandsSource | Should -Be @('AWS.Tools.Common', 'AWS.Tools.Common') }
        } else {
            $script:seen.HistoryOwner | Should -Be 'CognitoAdminAuth'
            $script:seen.HistoryCommands | Should -Contain 'Start-CGIPAuthAdmin'
            $script:seen.HistoryAfterLimit | Should -Be @('Start-CGIPAuthAdmin')
            $script:seen.HistoryCommandsSource | Should -Be @('CognitoAdminAuth', 'CognitoAdminAuth')
        }
    }

    It 'keeps the response in the history it records into, without its tokens' {
        $script:seen.HistoryKeptExpiry | Should -BeGreaterThan 0 -Because 'the redacted copy of the last sign-in is there'
        $script:seen.HistoryKeptTokens | Should -BeFalse
    }

    It 'empties that history with Clear-AWSHistory, whichever module''s command runs' {
        $script:seen.HistoryAfterClear | Should -Be 0
    }

    It 'runs the Start-CGIPAuthAdmin imported last when the name is not module-qualified' {
        $expected = if ($Setting -eq 'v5-cognito' -and $Order -eq 'ModuleFirst') { 'AWS.Tools.CognitoIdentityProvider' } else { 'CognitoAdminAuth' }
        $script:seen.UnqualifiedSource | Should -Be $expected
    }

    It 'passes objects both ways with AWS.Tools.CognitoIdentityProvider, and both take the same ChallengeNameType' -Skip:($Setting -ne 'v5-cognito') {
        $script:seen.TheirsIsChallenge | Should -Be 'NEW_PASSWORD_REQUIRED'
        $script:seen.TheirsIntoOurs | Should -BeTrue
        $script:seen.OursIntoTheirs | Should -BeTrue
        $script:seen.TheirKindParameterType | Should -Be $script:seen.KindParameterType
        $script:seen.TheirErrorCaught | Should -Be 'caught'
    }
}

Describe 'Which Start-CGIPAuthAdmin runs when both modules are installed' {
    It 'is the first module on PSModulePath when neither is imported (command auto-loading), unless the name is module-qualified' {
        $script = "(Get-Command Start-CGIPAuthAdmin).Source`n(Get-Command CognitoAdminAuth\Start-CGIPAuthAdmin).Source"
        $v5 = Join-Path $script:doubles 'v5'
        $file = Join-Path ([IO.Path]::GetTempPath()) "cgip-precedence-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content $file $script
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = ($v5, $script:moduleRoot, $saved) -join $script:sep
            $theirsFirst = @(& $script:pwsh -NoProfile -NonInteractive -File $file '{}' 2>&1 | ForEach-Object { "$_" })
            $env:PSModulePath = ($script:moduleRoot, $v5, $saved) -join $script:sep
            $oursFirst = @(& $script:pwsh -NoProfile -NonInteractive -File $file '{}' 2>&1 | ForEach-Object { "$_" })
        } finally { $env:PSModulePath = $saved; Remove-Item $file }
        $theirsFirst[0] | Should -Be 'AWS.Tools.CognitoIdentityProvider'
        $theirsFirst[1] | Should -Be 'CognitoAdminAuth'
        $oursFirst[0] | Should -Be 'CognitoAdminAuth'
    }

    It 'is this module''s in a script that says #Requires -Modules CognitoAdminAuth, run after AWS.Tools.CognitoIdentityProvider was imported' {
        $script = Join-Path ([IO.Path]::GetTempPath()) "cgip-requires-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content $script "#Requires -Modules CognitoAdminAuth`n(Get-Command Start-CGIPAuthAdmin).Source"
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = ((Join-Path $script:doubles 'v5'), $script:moduleRoot, $saved) -join $script:sep
            $lines = @(& $script:pwsh -NoProfile -NonInteractive -Command "Import-Module AWS.Tools.CognitoIdentityProvider; (Get-Command Start-CGIPAuthAdmin).Source; & '$script'" 2>&1 | ForEach-Object { "$_" })
        } finally { $env:PSModulePath = $saved; Remove-Item $script }
        $lines | Should -Be @('AWS.Tools.CognitoIdentityProvider', 'CognitoAdminAuth') -Because '#Requires imports the module that was not imported yet, which makes it the last imported'
    }
}

Describe 'An installed AWSSDK.Core that does not load' {
    It 'makes the module use its stand-ins, says so in one Verbose line, and never fails the call' {
        $pool = New-TestUserPool $script:server
        $seen = Invoke-Session @((Join-Path $script:doubles 'broken'), $script:moduleRoot) @'
param([string] $ArgumentsJson)
$ErrorActionPreference = 'Stop'
$a = $ArgumentsJson | ConvertFrom-Json
Import-Module CognitoAdminAuth
$call = @{ ClientId = $a.ClientId; UserPoolId = $a.UserPoolId; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'; AuthParameter = @{ USERNAME = $a.UserName; PASSWORD = $a.Password }
    EndpointUrl = $a.Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
$first = Start-CGIPAuthAdmin @call -Verbose 4>&1
$second = Start-CGIPAuthAdmin @call -Verbose 4>&1
$verbose = @($first; $second) | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*could not be loaded*' }
@{
    Verbose = @($verbose | ForEach-Object Message)
    Tokens = @(@($first; $second) | Where-Object { $_.AuthenticationResult.AccessToken }).Count
    Core = [Amazon.Runtime.AmazonServiceException].Assembly.GetName().Name
} | ConvertTo-Json -Compress
'@ @{ Url = $script:server.Url; ClientId = $pool.ClientId; UserPoolId = $pool.UserPoolId; UserName = $pool.UserName; Password = $pool.Password }
        $seen.Core | Should -Be 'CognitoAdminAuth.StandIn.Core'
        $seen.Tokens | Should -Be 2
        @($seen.Verbose).Count | Should -Be 1
        $seen.Verbose[0] | Should -BeLike "*AWSSDK.Core.dll*stand-in AWS types*"
    }
}
