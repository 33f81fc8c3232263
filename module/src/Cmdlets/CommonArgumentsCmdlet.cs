using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// The credential, region and endpoint parameters every AWS.Tools service cmdlet has. Declared on this
    /// base so that '-Select ^Name' (which sees only the cmdlet's own parameters) rejects them, as AWS.Tools does.
    /// -Credential and -ClientConfig are typed by the session's SDK (<see cref="SdkParameterSetType"/>).
    /// </summary>
    public abstract class CommonArgumentsCmdlet : PSCmdlet, IDynamicParameters
    {
        private protected static readonly SdkParameter Credential = new SdkParameter(nameof(ISdkParameterSet.Credential), typeof(CommonSdkParameterSet<,>), own: false, s => s.Credential);
        private protected static readonly SdkParameter ClientConfig = new SdkParameter(nameof(ISdkParameterSet.ClientConfig), typeof(CommonSdkParameterSet<,>), own: false, s => s.ClientConfig);
        internal static readonly SdkParameter[] CommonSdkParameters = { Credential, ClientConfig };

        /// <summary>The common set: the session's AWSCredentials and its client config class.</summary>
        private protected static readonly SdkParameterSetType CommonSet =
            new SdkParameterSetType(typeof(CommonSdkParameterSet<,>), () => SdkTypes.AWSCredentials, () => SdkTypes.ClientConfig);

        private ISdkParameterSet _sdkParameters;

        /// <summary>The parameters typed by the session's SDK, the common ones first.</summary>
        private protected virtual IReadOnlyList<SdkParameter> SdkParameters => CommonSdkParameters;
        /// <summary>The class that declares them.</summary>
        private protected virtual SdkParameterSetType SdkParameterSet => CommonSet;

        public object GetDynamicParameters() => _sdkParameters ?? (_sdkParameters = SdkParameterSet.Create());

        /// <summary>The bound value of an SDK-typed parameter (null when not bound).</summary>
        private protected object Bound(SdkParameter parameter) => parameter.Value(_sdkParameters);

        /// <summary>The SDK-typed parameters' values (null before binding).</summary>
        private protected ISdkParameterSet BoundSdkParameters => _sdkParameters;

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
