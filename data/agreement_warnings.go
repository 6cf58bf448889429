package data

// AgreementUse is a running agreement with the hours that decide whether
// it warns: GrantedMin is its GrantedTotalMin and UsedMin the contact time
// of its held sessions (Account's UsedMin), kept by the store.
type AgreementUse struct {
	Agreement Agreement
	Hours     Hours
}

// AgreementWarnings are the running agreements Oversigt warns about, the
// first few of each list and how many there are in all: Ending end within
// the days asked (soonest first), Over80 have used 80 % or more but less
// than all of their hours, Over100 all of them or more (each by used share,
// largest first). An agreement without granted hours uses no share.
type AgreementWarnings struct {
	Ending, Over80, Over100                []AgreementUse
	EndingCount, Over80Count, Over100Count int
}
