@{
    RootModule           = 'CognitoAdminAuth.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f7d0e-3c1a-4a43-9a55-6c2f1e8b7d21'
    Author               = 'CognitoAdminAuth contributors'
    CompanyName          = 'CognitoAdminAuth'
    Copyright            = '(c) CognitoAdminAuth contributors. Apache-2.0.'
    Description          = 'Drop-in, faster Start-CGIPAuthAdmin and Send-CGIPAuthChallengeResponseAdmin (Amazon Cognito AdminInitiateAuth / AdminRespondToAuthChallenge) on a Rust core built on the AWS SDK for Rust.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('CognitoAdminAuth.Format.ps1xml')
    CmdletsToExport      = @(
        'Start-CGIPAuthAdmin', 'Send-CGIPAuthChallengeResponseAdmin',
        'Add-CGIPSoftwareToken', 'Test-CGIPSoftwareToken', 'Get-CGIPTokensFromRefreshToken', 'Revoke-CGIPToken', 'Disconnect-CGIPUserGlobalAdmin',
        'Start-CGIPSoftwareTokenSetup', 'Complete-CGIPSoftwareTokenSetup',
        'Get-CGIPTotpCode', 'Get-CGIPSecretHash', 'New-CGIPDeviceVerifier', 'ConvertFrom-CGIPUnverifiedToken', 'Confirm-CGIPToken',
        'New-CGIPSrpA', 'Get-CGIPSrpPasswordClaim',
        'Set-AWSHistoryConfiguration', 'Clear-AWSHistory')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FileList             = @('CognitoAdminAuth.psd1', 'CognitoAdminAuth.dll', 'CognitoAdminAuth.dll-Help.xml', 'CognitoAdminAuth.Format.ps1xml',
        'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Buffers.dll', 'System.Memory.dll', 'System.Numerics.Vectors.dll',
        'System.Runtime.CompilerServices.Unsafe.dll', 'System.Text.Encodings.Web.dll', 'System.Text.Json.dll',
        'System.Threading.Tasks.Extensions.dll',
        'StandIns/CognitoAdminAuth.StandIn.Core.dll', 'StandIns/CognitoAdminAuth.StandIn.Cognito.dll', 'StandIns/CognitoAdminAuth.StandIn.CognitoOnSdk.dll')
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'Cognito', 'CognitoIdentityProvider', 'Authentication', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'Windows')
            ProjectUri   = 'https://github.com/cognito-admin-auth/CognitoAdminAuth'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = 'First release: Start-CGIPAuthAdmin and Send-CGIPAuthChallengeResponseAdmin compatible with AWS.Tools.CognitoIdentityProvider.'
        }
    }
}
