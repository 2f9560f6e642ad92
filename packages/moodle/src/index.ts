/** The LTI version Leerplein speaks as a platform; the protocol itself arrives with the LTI issue. */
export const LTI_VERSION = '1.3.0'
