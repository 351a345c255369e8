import { useEffect, useState } from 'react';
import { ApprovalQueue } from './ApprovalQueue';
import { ApprovalReview } from './ApprovalReview';
import './approval.css';

/** The supervisor's approval area: queue, and one application under review. */
export function ApprovalScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [openId]);
  return openId ? <ApprovalReview key={openId} id={openId} onBack={() => setOpenId(null)} onOpen={setOpenId} /> : <ApprovalQueue onOpen={setOpenId} />;
}
