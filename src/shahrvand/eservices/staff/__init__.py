"""Staff and agency pages: step queues, the step page with its decision form, supervision
(suspend, resume, extend), process mining and the audit export."""
