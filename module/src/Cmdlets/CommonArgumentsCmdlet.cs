using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// The credential, region and endpoint parameters every AWS.Tools service cmdlet has. Declared on this
    /// base so that '-Select ^Name' (which sees only the cmdlet's own parameters) rejects them, as AWS.Tools does.
    /// -Credential and -ClientConfig are typed by the session's SDK (<see cref="SdkParameter"/>).
    /// </summary>
    public abstract class CommonArgumentsCmdlet : PSCmdlet, IDynamicParameters
    {
        /// <summary>An AWSCredentials object (AWS.Tools' or the stand-in), or any object with AccessKey and SecretKey.</summary>
        private protected static readonly SdkParameter Credential = new SdkParameter("Credential", () => SdkTypes.AWSCredentials, own: false,
            new ParameterAttribute { ValueFromPipeline = true, ValueFromPipelineByPropertyName = true }, new CredentialsTransformationAttribute());

        private protected static readonly SdkParameter ClientConfig = new SdkParameter("ClientConfig", () => SdkTypes.ClientConfig, own: false,
            new ParameterAttribute { ValueFromPipelineByPropertyName = true });

        private protected static readonly SdkParameter[] CommonSdkParameters = { Credential, ClientConfig };

        private RuntimeDefinedParameterDictionary _sdkParameters;

        /// <summary>The parameters typed by the session's SDK, the common ones first.</summary>
        private protected abstract IReadOnlyList<SdkParameter> SdkParameters { get; }

        public object GetDynamicParameters() => _sdkParameters ?? (_sdkParameters = SdkParameter.DeclareAll(SdkParameters));

        /// <summary>The bound value of an SDK-typed parameter (null when not bound).</summary>
        private protected object Bound(SdkParameter parameter) =>
            _sdkParameters != null && _sdkParameters.TryGetValue(parameter.Name, out var p) ? p.Value : null;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AK")]
        public string AccessKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SK", "SecretAccessKey")]
        public string SecretKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ST")]
        public string SessionToken { get; set; }

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

        internal ConnectionArguments ConnectionArguments() => new ConnectionArguments
        {
            AccessKey = AccessKey, SecretKey = SecretKey, SessionToken = SessionToken, Credential = Bound(Credential),
            ProfileName = ProfileName, ProfileLocation = ProfileLocation, Region = Region, EndpointUrl = EndpointUrl,
            ClientConfig = Bound(ClientConfig),
        };
    }
}
