// TEST DOUBLES of three AWS.Tools V5 cmdlets (AWS.Tools.CognitoIdentityProvider 5.x), with the generated cmdlets'
// class names, parameter names, aliases and pipeline binding: required members are Mandatory with AllowNull /
// AllowEmptyString as in the modular AWS.Tools build, everything binds by property name, and the first
// parameter also from the pipeline. Each builds the SDK request object of the Cognito double, calls the operation
// (see AmazonCognitoIdentityProviderClientCmdlet) and writes what AWS.Tools writes by default (-Select is left
// out): the whole response for the two sign-in cmdlets, the UserPoolClient member for Get-CGIPUserPoolClient.
using System.Collections;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Runtime;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>What the two sign-in cmdlets share (in AWS.Tools each generated class declares these itself).</summary>
    public abstract class SignInCmdlet : AmazonCognitoIdentityProviderClientCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string ClientId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string UserPoolId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable ClientMetadata { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        /// <summary>Calls the operation unless ShouldProcess declines, and writes the whole response.</summary>
        protected void Run<TResponse>(string operation, AmazonCognitoIdentityProviderRequest request) where TResponse : AmazonWebServiceResponse, new()
        {
            if (!Force && !ShouldProcess(ClientId, $"{MyInvocation.MyCommand.Name} ({operation})")) return;
            WriteObject(Invoke<TResponse>(operation, request));
        }
    }

    [Cmdlet("Start", "CGIPAuthAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse")]
    public class StartCGIPAuthAdminCmdlet : SignInCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public AuthFlowType AuthFlow { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AuthParameters")]
        public Hashtable AuthParameter { get; set; }

        protected override void ProcessRecord() => Run<AdminInitiateAuthResponse>("AdminInitiateAuth", new AdminInitiateAuthRequest
        {
            AuthFlow = AuthFlow,
            AuthParameters = ToStringMap(AuthParameter),
            ClientId = ClientId,
            ClientMetadata = ToStringMap(ClientMetadata),
            Session = Session,
            UserPoolId = UserPoolId,
        });
    }

    [Cmdlet("Send", "CGIPAuthChallengeResponseAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse")]
    public class SendCGIPAuthChallengeResponseAdminCmdlet : SignInCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public ChallengeNameType ChallengeName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChallengeResponses")]
        public Hashtable ChallengeResponse { get; set; }

        protected override void ProcessRecord() => Run<AdminRespondToAuthChallengeResponse>("AdminRespondToAuthChallenge", new AdminRespondToAuthChallengeRequest
        {
            ChallengeName = ChallengeName,
            ChallengeResponses = ToStringMap(ChallengeResponse),
            ClientId = ClientId,
            ClientMetadata = ToStringMap(ClientMetadata),
            Session = Session,
            UserPoolId = UserPoolId,
        });
    }

    [Cmdlet("Get", "CGIPUserPoolClient")]
    [OutputType("Amazon.CognitoIdentityProvider.Model.UserPoolClientType")]
    public class GetCGIPUserPoolClientCmdlet : AmazonCognitoIdentityProviderClientCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string UserPoolId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string ClientId { get; set; }

        protected override void ProcessRecord()
        {
            var request = new DescribeUserPoolClientRequest { ClientId = ClientId, UserPoolId = UserPoolId };
            WriteObject(Invoke<DescribeUserPoolClientResponse>("DescribeUserPoolClient", request).UserPoolClient);
        }
    }
}
