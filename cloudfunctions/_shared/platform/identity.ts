/**
 * Who is calling. Identity comes only from the platform context (OPENID is set by WeChat for calls from the mini
 * program), never from the event.
 */
import { cloud } from './cloud';
import { DomainError } from '../../../core/src/errors';

export function callerOpenid(): string {
  const { OPENID } = cloud.getWXContext();
  if (typeof OPENID !== 'string' || OPENID === '') throw new DomainError('UNAUTHENTICATED');
  return OPENID;
}
