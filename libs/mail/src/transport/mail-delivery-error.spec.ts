import { MailDeliveryError, toMailDeliveryError } from './mail-delivery-error';

/** Shaped like nodemailer's errors: `code`, and `responseCode`/`response` when a server answered. */
const smtpError = (code: string, response?: string): Error =>
  Object.assign(new Error(`failed${response ? `: ${response}` : ''}`), {
    code,
    ...(response ? { response, responseCode: Number(response.slice(0, 3)) } : {}),
  });

describe('toMailDeliveryError', () => {
  it.each([
    ['a 4xx answer to the message', smtpError('EMESSAGE', '421 4.3.0 Try again later'), 'transient'],
    ['a greylisted recipient', smtpError('EENVELOPE', '450 4.2.0 Greylisted'), 'transient'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'transient'],
    ['a dropped connection', smtpError('ECONNECTION'), 'transient'],
    ['a timeout', smtpError('ETIMEDOUT'), 'transient'],
    ['wrong SMTP credentials', smtpError('EAUTH', '535 5.7.8 Authentication failed'), 'transient'],
    ['a full disk under the dev mailbox', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), 'transient'],
    ['an unknown mailbox', smtpError('EENVELOPE', '550 5.1.1 No such user'), 'permanent'],
    ['a rejected message', smtpError('EMESSAGE', '554 5.7.1 Rejected'), 'permanent'],
    ['an envelope without recipients', smtpError('EENVELOPE'), 'permanent'],
    ['something unknown', new Error('boom'), 'transient'],
  ])('classifies %s', (_case, error, kind) => {
    const classified = toMailDeliveryError(error);
    expect(classified).toBeInstanceOf(MailDeliveryError);
    expect(classified.kind).toBe(kind);
  });

  it('keeps the server’s answer for the ledger and leaves it out of the message that reaches logs', () => {
    const classified = toMailDeliveryError(smtpError('EENVELOPE', '550 5.1.1 <ana@example.org>: No such user'));
    expect(classified.response).toBe('550 5.1.1 <ana@example.org>: No such user');
    expect(classified.responseCode).toBe(550);
    expect(classified.message).toBe('permanent mail delivery failure (550)');
  });
});
