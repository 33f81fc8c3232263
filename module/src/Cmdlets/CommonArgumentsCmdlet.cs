using System.Management.Automation;
using Amazon.CognitoIdentityProvider;
using Amazon.Runtime;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// The credential, region and endpoint parameters every AWS.Tools service cmdlet has. Declared on this
    /// base so that '-Select ^Name' (which sees only the cmdlet's own parameters) rejects them, as AWS.Tools does.
    /// </summary>
    public abstract class CommonArgumentsCmdlet : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AK")]
        public string AccessKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SK", "SecretAccessKey")]
        public string SecretKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ST")]
        public string SessionToken { get; set; }

        /// <summary>An AWSCredentials object (AWS.Tools' or ours), or any object with AccessKey and SecretKey.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [CredentialsTransformation]
        public AWSCredentials Credential { get; set; }

        /// <summary>For SAML role profiles in AWS.Tools, which this module does not read: accepted, without effect.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public PSCredential NetworkCredential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string ProfileName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string ProfileLocation { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        public object Region { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string EndpointUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public AmazonCognitoIdentityProviderConfig ClientConfig { get; set; }

        internal ConnectionArguments ConnectionArguments() => new ConnectionArguments
        {
            AccessKey = AccessKey, SecretKey = SecretKey, SessionToken = SessionToken, Credential = Credential,
            ProfileName = ProfileName, ProfileLocation = ProfileLocation, Region = Region, EndpointUrl = EndpointUrl,
            ClientConfig = ClientConfig,
        };
    }
}
