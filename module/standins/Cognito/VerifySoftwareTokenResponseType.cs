using Amazon.Runtime;

namespace Amazon.CognitoIdentityProvider
{
    /// <summary>VerifySoftwareToken's Status (cognito-idp API model), a stand-in for the SDK's where the session has none.</summary>
    public class VerifySoftwareTokenResponseType : ConstantClass
    {
        public static readonly VerifySoftwareTokenResponseType ERROR = new VerifySoftwareTokenResponseType("ERROR");
        public static readonly VerifySoftwareTokenResponseType SUCCESS = new VerifySoftwareTokenResponseType("SUCCESS");

        public VerifySoftwareTokenResponseType(string value) : base(value) { }

        public static VerifySoftwareTokenResponseType FindValue(string value) => FindValue<VerifySoftwareTokenResponseType>(value);

        public static implicit operator VerifySoftwareTokenResponseType(string value) => FindValue(value);
    }
}
