package demo

// The tables below are the raw material of the demo. Everything is
// fictional. E-mail addresses use the reserved .example domain (RFC 2606),
// so that a demo database can never send mail to a real person.

// mentorSpec is one mentor of the demo organisation.
type mentorSpec struct {
	name, phone, email string
	volunteer          bool
	qualifications     string
	languages          []string
	competences        []string
	capacityHours      int
	// leaves marks the mentor who stopped some months ago; their open
	// courses were handed over to colleagues.
	leaves bool
}

var mentorSpecs = []mentorSpec{
	{
		name: "Anne-Mette Søgaard", phone: "+45 28 14 63 07", email: "ams@broenmentorhus.example",
		qualifications: "Uddannet socialrådgiver, 8 års erfaring med udsatte ledige. Efteruddannet i gældsrådgivning og motivationssamtalen (MI).",
		languages:      []string{"dansk", "engelsk"},
		competences:    []string{"psykisk sårbarhed", "gæld", "bolig", "systemguide"},
		capacityHours:  30,
	},
	{
		name: "Jamal Haddad", phone: "+45 31 72 40 95", email: "jh@broenmentorhus.example",
		qualifications: "Uddannet pædagog og certificeret coach. 10 års erfaring med unge og nydanskere på vej i uddannelse og job.",
		languages:      []string{"dansk", "arabisk", "engelsk"},
		competences:    []string{"unge", "integration", "praktik", "motivation"},
		capacityHours:  25,
	},
	{
		name: "Birgitte Kjær Lauritsen", phone: "+45 40 56 21 88", email: "bkl@broenmentorhus.example",
		qualifications: "Uddannet sygeplejerske med 3-årig psykoterapeutisk efteruddannelse. 12 år i distriktspsykiatrien.",
		languages:      []string{"dansk", "engelsk"},
		competences:    []string{"psykisk sårbarhed", "misbrug", "angst", "udskrivning fra psykiatrien"},
		capacityHours:  20,
	},
	{
		name: "Hodan Warsame Bækgaard", phone: "+45 52 38 17 46", email: "hwb@broenmentorhus.example",
		qualifications: "Uddannet socialformidler, tidligere virksomhedskonsulent i et jobcenter. Erfaring med praktik, fastholdelse og ordblinde voksne.",
		languages:      []string{"dansk", "somali", "engelsk"},
		competences:    []string{"praktik", "fastholdelse", "ordblindhed", "integration"},
		capacityHours:  28,
	},
	{
		name: "Henrik Møller Thygesen", phone: "+45 61 09 84 23", email: "hmt@broenmentorhus.example",
		qualifications: "Uddannet pædagog med 6 års erfaring fra ambulant misbrugsbehandling. Opvokset i Polen.",
		languages:      []string{"dansk", "polsk", "engelsk"},
		competences:    []string{"misbrug", "unge", "gæld"},
		capacityHours:  30,
		leaves:         true,
	},
	{
		name: "Grethe Vang Nørgaard", phone: "+45 23 47 90 12", email: "grethe.noergaard@frivillig.example",
		volunteer:      true,
		qualifications: "Pensioneret folkeskolelærer. Frivillig social mentor siden 2019; har gennemført Frivilligcentrets mentorkursus og børneattest er indhentet.",
		languages:      []string{"dansk", "engelsk"},
		competences:    []string{"ordblindhed", "ensomhed", "netværk", "unge"},
		// Volunteers give a few hours a week (6–10 hours a month is typical).
		capacityHours: 4,
	},
}

// town is a place citizens live in.
type town struct{ postcode, name string }

// muniSpec is one municipality with its caseworkers and towns.
type muniSpec struct {
	name, address, ean, secureEmail string
	caseworkers                     []caseworkerSpec
	towns                           []town
	// refFormat renders the municipality's own order reference from the
	// order year and a running number.
	refFormat string
}

type caseworkerSpec struct{ name, phone, email string }

var muniSpecs = []muniSpec{
	{
		name: "Holmstrup Kommune", address: "Rådhustorvet 1, 4690 Holmstrup", ean: "5798000561243",
		secureEmail: "jobcenter.sikkerpost@holmstrup.example",
		caseworkers: []caseworkerSpec{
			{"Lone Bøgh Rasmussen", "+45 56 92 31 40", "lbr@holmstrup.example"},
			{"Thomas Kærgaard", "+45 56 92 31 57", "tk@holmstrup.example"},
			{"Sidsel Ørum", "+45 56 92 31 62", "sor@holmstrup.example"},
		},
		towns:     []town{{"4690", "Holmstrup"}, {"4693", "Bøgelund"}, {"4694", "Ålholm"}, {"4695", "Skovsbjerg"}},
		refFormat: "BST-%d-%04d",
	},
	{
		name: "Søby Kommune", address: "Torvet 3, 5960 Søby", ean: "5798000562875",
		secureEmail: "sikkermail.jobcenter@soeby.example",
		caseworkers: []caseworkerSpec{
			{"Jens Åkjær", "+45 63 41 70 12", "jaa@soeby.example"},
			{"Marianne Fønss Dahl", "+45 63 41 70 29", "mfd@soeby.example"},
		},
		towns:     []town{{"5960", "Søby"}, {"5962", "Fjællerup"}, {"5963", "Lærkeskov"}},
		refFormat: "MENT-%d-%03d",
	},
}

// Danish names. Æ, ø and å are frequent on purpose: sorting, searching and
// PDF fonts must handle them, and demo data is where that shows first.
var (
	danishFirstNames = []string{
		"Søren", "Jørgen", "Bjørn", "Jørn", "Mads", "Rasmus", "Kasper", "Frederik", "Morten", "Mikkel",
		"Asger", "Nikolaj", "Bo", "Torben", "Sølve", "Åge", "Kåre",
		"Åse", "Mette", "Sørine", "Bodil", "Signe", "Lærke", "Trine", "Helle", "Gitte", "Solvej",
		"Freja", "Malene", "Dorthe", "Bente", "Kirstine", "Søs", "Kæthe", "Maja", "Jytte",
	}
	danishMiddleNames = []string{"Kjær", "Bæk", "Dahl", "Holm", "Krogh", "Skov", "Bech", "Lund"}
	danishLastNames   = []string{
		"Østergaard", "Bækgaard", "Møller", "Dalsgaard", "Søndergaard", "Nørgaard", "Kjærgaard", "Sørensen",
		"Jørgensen", "Lønborg", "Højlund", "Mølgaard", "Ågaard", "Åberg", "Grønbæk", "Thøgersen", "Brøndum",
		"Kærsgaard", "Pedersen", "Nielsen", "Hansen", "Madsen", "Vestergård", "Løkke", "Krøyer", "Vængsø",
		"Åkjær", "Hørlyck", "Skjødt", "Rønne", "Fæster", "Bøgild",
	}
)

// foreignName is a citizen with another mother tongue than Danish.
type foreignName struct{ name, tongue string }

var foreignNames = []foreignName{
	{"Ahmed Hassan", "arabisk"}, {"Fatima Al-Sayed", "arabisk"}, {"Omar Khalil", "arabisk"},
	{"Layla Mansour", "arabisk"}, {"Yousef Darwish", "arabisk"},
	{"Fatima Yusuf", "somali"}, {"Abdirahman Farah", "somali"}, {"Sahra Mohamed", "somali"}, {"Ismail Osman", "somali"},
	{"Mehmet Yılmaz", "tyrkisk"}, {"Elif Demir", "tyrkisk"}, {"Emre Kaya", "tyrkisk"},
	{"Agnieszka Kowalska", "polsk"}, {"Tomasz Nowak", "polsk"}, {"Piotr Zieliński", "polsk"},
	{"Senait Tesfay", "tigrinya"}, {"Yonas Berhane", "tigrinya"},
	{"Ali Rezaei", "dari"}, {"Shirin Ahmadi", "dari"},
}

var streets = []string{
	"Østergade", "Søndergade", "Nørregade", "Møllevænget", "Kærvej", "Åbrinken", "Bøgevej", "Skovbrynet",
	"Stationsvej", "Præstegårdsvej", "Lærkevej", "Fælledvej", "Rosenhaven", "Engvej", "Højvangen",
	"Tværgade", "Sølvgade", "Bækkeløbet", "Ålekistevej", "Grønnegade", "Kløvermarken", "Smedestræde",
}

// floors are added to some addresses to make them apartments.
var floors = []string{"st. tv.", "st. th.", "1. tv.", "1. th.", "2. tv.", "2. mf.", "3. th."}

// mailDomains are reserved example domains (see the comment at the top).
var mailDomains = []string{"post.example", "mail.example", "example.net", "example.com"}

// place is where a session can happen, with the opening sentences a
// mentor would write about a session there. A place with competences only
// suits citizens whose theme is one of them (the language school suits
// newcomers, not everybody).
type place struct {
	name        string // "%s" is replaced by a town
	openers     []string
	competences []string
}

var officeOpeners = []string{
	"Vi mødtes som aftalt og fik en kop kaffe, inden vi gik i gang.",
	"Borgeren mødte velforberedt op med sine papirer.",
	"Borgeren kom til tiden og var klar til at gå i gang.",
}

// Places by session form. In person, the office is the most common place.
var (
	inPersonPlaces = []place{
		{name: "Broen Mentorhus, mødelokale 2", openers: officeOpeners},
		{name: "Broen Mentorhus, mødelokale 2", openers: officeOpeners},
		{name: "Broen Mentorhus, mødelokale 1", openers: officeOpeners},
		{name: "Café Møllehuset, %s", openers: []string{"Vi mødtes på caféen, hvor borgeren selv havde valgt et roligt hjørne."}},
		{name: "Biblioteket i %s", openers: []string{"Vi mødtes på biblioteket og brugte en af computerne."}},
		{name: "Gåtur ved søen i %s", openers: []string{"Mødet foregik som en gåtur, som borgeren selv foreslog."}},
		{name: "Butikscentret i %s", openers: []string{"Vi mødtes i butikscentret og handlede ind sammen bagefter."}},
		{name: "Værestedet Fyrtårnet, %s", openers: []string{"Vi mødtes på værestedet, hvor borgeren kender de andre."}},
	}
	escortPlaces = []place{
		{name: "Jobcenter %s", openers: []string{"Ledsagede borgeren til samtale i jobcentret.", "Deltog sammen med borgeren i samtalen med sagsbehandleren."}},
		{name: "Lægehuset på Østergade, %s", openers: []string{"Fulgtes med borgeren til lægen, hvor vi fik talt om medicinen."}},
		{name: "Borgerservice, %s", openers: []string{"Ledsagelse til borgerservice for at få styr på MitID."}},
		{name: "Tandlægerne i %s", openers: []string{"Fulgtes med borgeren til tandlægen; borgeren var nervøs, men gennemførte."}},
		{name: "Sprogcenter %s", openers: []string{"Fulgtes med borgeren til sprogcentret og talte med læreren om fremmødet."}, competences: []string{"integration"}},
		{name: "Psykiatrisk ambulatorium, %s", openers: []string{"Ledsagede borgeren til samtale i det psykiatriske ambulatorium."}, competences: []string{"psykisk sårbarhed"}},
		{name: "FGU %s", openers: []string{"Fulgtes med borgeren til FGU for at møde vejlederen."}, competences: []string{"unge", "ordblindhed"}},
		{name: "Gældsrådgivningen, %s", openers: []string{"Ledsagelse til gældsrådgivningen med alle breve fra kreditorerne."}, competences: []string{"gæld", "misbrug"}},
		{name: "Misbrugscentret, %s", openers: []string{"Fulgtes med borgeren til samtale i misbrugscentret."}, competences: []string{"misbrug"}},
	}
	workplaceNames = []string{
		"Netto, %s", "Bygma, %s", "Plejecenter Kærgården, %s", "Lagerhotellet, %s", "Genbrugsbutikken Dueslaget, %s",
		"Auto-Centret, %s", "Kantinen på rådhuset, %s", "Gartneriet Ådalen, %s",
	}
	networkPlaces = []place{
		{name: "Jobcenter %s", openers: []string{"Netværksmøde i jobcentret med sagsbehandler og borger om den videre plan."}},
		{name: "Borgerens hjem", openers: []string{"Rundbordssamtale hjemme hos borgeren med sagsbehandler og borgerens søster."}},
		{name: "Broen Mentorhus, mødelokale 1", openers: []string{"Rundbordssamtale, hvor borgerens skånehensyn blev drøftet med sagsbehandleren."}},
	}
)
