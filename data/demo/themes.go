package demo

import "mentorbog/data"

// A theme is what a citizen's course is mostly about. It keeps the texts of
// one citizen coherent: the handover profile, the agreement, the goals and
// the session notes all tell the same story, and the mentor is matched on
// the theme's competence.
type theme struct {
	competence   string   // matched against Mentor.Competences
	targetGroups []string // codes of the target_groups table
	young, adult bool     // which age groups the theme fits (under/over 30)
	foreignOnly  bool

	agreementGoal, tasks string
	roles                data.Roles

	resources, competences, limitations, everyday, whatWorks []string

	goals []goalTemplate
	notes []string // sentences for session notes
}

// goalTemplate is a course goal with the short notes mentors write about
// it in sessions. The notes run from early in a course to late, so that a
// note about passing a test does not come before the first lesson.
type goalTemplate struct {
	title, description, domain string
	notes                      []string
}

// Target group codes, as seeded in the target_groups table.
const (
	tgActivity      = "aktivitetsparat"
	tgEducationAid  = "uddannelseshjaelp"
	tgResource      = "ressourceforloeb"
	tgJobClarify    = "jobafklaring"
	tgSickness      = "sygedagpenge"
	tgFlexJob       = "fleksjob"
	tgRetention     = "fastholdelse"
	tgYouthEdu      = "unge_uddannelse"
	tgPsychiatry    = "psykiatri_udskrivning"
	tgIntegration   = "integration"
	tgSelfSupported = "selvforsoergende"
)

// youngOnly are the target groups for people under 30.
var youngOnly = []string{tgEducationAid, tgYouthEdu}

var (
	goalEconomy = goalTemplate{
		title:       "Skabe overblik over økonomi og gæld",
		description: "Borgeren har et budget og en plan for afvikling af gæld i samarbejde med gældsrådgivningen.",
		domain:      "Målrettethed",
		notes: []string{
			"Gennemgik posten i Digital Post sammen.",
			"Lavede budget for næste måned.",
			"Aftale om afdragsordning med inkasso er på plads.",
			"Huslejen er betalt til tiden denne måned.",
		},
	}
	goalCV = goalTemplate{
		title:       "Skrive CV og søge job",
		description: "Borgeren har et opdateret CV og søger selv relevante stillinger hver uge.",
		domain:      "Jobsøgning",
		notes: []string{
			"Skrev første udgave af et CV.",
			"Oprettede profil på Jobnet og gennemgik jobforslagene.",
			"Øvede en jobsamtale med typiske spørgsmål.",
			"Har søgt to stillinger siden sidst.",
		},
	}
)

var themes = []*theme{
	{
		competence:   "psykisk sårbarhed",
		targetGroups: []string{tgActivity, tgActivity, tgResource, tgJobClarify, tgSickness, tgPsychiatry},
		young:        true, adult: true,
		agreementGoal: "At borgeren får en mere stabil hverdag med struktur og overskud, så der kan arbejdes hen imod en afklaring af arbejdsevnen og på sigt en virksomhedspraktik.",
		tasks:         "Støtte til at skabe struktur i hverdagen og holde aftaler. Ledsagelse til jobcenter, læge og behandling efter behov. Motiverende samtaler om små, overskuelige mål. Hjælp til at forstå breve fra kommunen og forberede møder.",
		roles:         data.Roles(0).With(data.RolePersonalSupport).With(data.RoleCoach).With(data.RoleSystemGuide),
		resources: []string{
			"Borgeren er reflekteret og god til at sætte ord på sine tanker.",
			"Har en god relation til sin søster, som bor i nærheden.",
			"Er kreativ og har tidligere malet og syet meget.",
			"Har en hund, som giver faste gåture og struktur i hverdagen.",
			"Ønsker selv forandring og har sagt ja til mentor af egen drift.",
		},
		competences: []string{
			"Har 9. klasse og et halvt år på HF.",
			"Har arbejdet fire år i detailhandlen med kasse og varepåfyldning.",
			"Gode it-kundskaber; kan selv bruge MitID, Digital Post og Jobnet.",
			"Er omhyggelig og følger en opgave til dørs, når overskuddet er der.",
		},
		limitations: []string{
			"Diagnosticeret med moderat depression og socialangst; i medicinsk behandling via egen læge.",
			"Tåler ikke mange mennesker eller støj. Skånehensyn: mindre arbejdsplads og rolige opgaver.",
			"Trætbarhed: højst 3-4 timers aktivitet om dagen i den nuværende periode.",
			"Undgå møder før kl. 10; morgenerne er sværest.",
		},
		everyday: []string{
			"Døgnrytmen skrider let, især i vinterhalvåret.",
			"Åbner ikke altid Digital Post, hvilket har givet rykkere.",
			"Har svært ved at tage telefonen, når der ringes fra ukendte numre.",
			"Handler ind sent om aftenen for at undgå andre mennesker.",
		},
		whatWorks: []string{
			"Faste mødetider samme ugedag og en SMS dagen før.",
			"Gåture frem for at sidde over for hinanden ved et bord.",
			"Små, konkrete delmål, der skrives ned sammen.",
			"Ros for det, der lykkes, og ro, når noget går skævt.",
		},
		goals: []goalTemplate{
			{
				title:       "Komme op om morgenen og møde til aftaler",
				description: "Borgeren står op senest kl. 9 på hverdage og møder til aftaler med mentor, jobcenter og læge.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Svær uge med dårlig søvn; vi talte om aftenrutiner.",
					"Vækkeur og SMS-påmindelse virker godt.",
					"Mødte til tiden i dag uden påmindelse.",
					"Har været oppe før kl. 9 fire ud af fem hverdage.",
				},
			},
			{
				title:       "Håndtere angst i sociale sammenhænge",
				description: "Borgeren kan opholde sig blandt andre mennesker, fx i butik og bus, med hjælp fra indøvede strategier.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Borgeren trak sig hurtigt; vi aftalte et mindre skridt til næste gang.",
					"Øvede vejrtrækningsteknik, inden vi gik ind i butikken.",
					"Vi sad i caféen i 20 minutter, hvilket gik bedre end ventet.",
					"Tog bussen alene til mødet for første gang.",
				},
			},
			{
				title:       "Afklare ønsker til praktik",
				description: "Borgeren har et realistisk bud på en praktikplads, der passer til skånehensynene.",
				domain:      "Kendskab til arbejdsmarkedet",
				notes: []string{
					"Lavede en liste over det, borgeren er god til.",
					"Talte om lager, genbrug og gartneri som muligheder.",
					"Kiggede på opslag på Jobnet sammen.",
					"Borgeren vil gerne besøge genbrugsbutikken og se, hvordan hverdagen er der.",
				},
			},
			{
				title:       "Passe behandling og medicin",
				description: "Borgeren tager sin medicin som aftalt og møder op til samtaler hos egen læge og i psykiatrien.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Medicinæsken sat op for ugen sammen.",
					"Taler mere åbent om bivirkningerne nu.",
					"Har passet lægetiden og fået justeret medicinen.",
				},
			},
		},
		notes: []string{
			"Borgeren fortalte, at ugen havde været tung, men at gåturene hjælper.",
			"Vi talte om, hvordan borgeren kan sige fra, når det bliver for meget.",
			"Borgeren virkede mere rolig og havde selv forberedt spørgsmål.",
			"Vi lavede en ugeplan med hvilepauser lagt ind.",
			"Borgeren nævnte tanker om at stoppe; vi fandt ud af, hvad der skal til for at fortsætte.",
		},
	},
	{
		competence:   "misbrug",
		targetGroups: []string{tgActivity, tgActivity, tgResource},
		young:        true, adult: true,
		agreementGoal: "At borgeren stabiliserer sit forbrug og sin hverdag, så der kan startes et aktivt forløb med praktik eller uddannelse.",
		tasks:         "Støtte til at holde aftaler med misbrugsbehandlingen og jobcentret. Hjælp til struktur, økonomi og bolig. Motiverende samtaler om forandring. Brobygning til praktik, når borgeren er klar.",
		roles:         data.Roles(0).With(data.RolePersonalSupport).With(data.RoleCoach).With(data.RoleBridgeBuilder),
		resources: []string{
			"Har en stærk vilje, når motivationen er der.",
			"Har tidligere været i arbejde i flere år som håndværker.",
			"Har kontakt til sin mor og sin datter, som betyder meget.",
			"Er humoristisk og let at tale med.",
		},
		competences: []string{
			"Har truckcertifikat og kørekort B.",
			"Praktisk anlagt og kan lide at arbejde med hænderne.",
			"Har gennemført grundforløbet som tømrer.",
		},
		limitations: []string{
			"Har et dagligt forbrug af hash og er tilknyttet ambulant misbrugsbehandling.",
			"Søvnproblemer og uro i kroppen, især om aftenen.",
			"Tåler dårligt konflikter. Skånehensyn: tydelig og rolig kommunikation.",
		},
		everyday: []string{
			"Har gæld til inkasso og er bagud med huslejen.",
			"Omgangskredsen er præget af misbrug.",
			"Mangler struktur og sover ofte til midt på dagen.",
		},
		whatWorks: []string{
			"Ærlighed og ingen løftede pegefingre; borgeren vil tales til som voksen.",
			"Praktiske opgaver frem for lange samtaler.",
			"At mødes ude, fx på en gåtur eller på vej til et ærinde.",
			"At aftaler bekræftes på SMS samme morgen.",
		},
		goals: []goalTemplate{
			{
				title:       "Holde aftaler med misbrugsbehandlingen",
				description: "Borgeren møder op til de aftalte samtaler i misbrugscentret.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Havde aflyst sin samtale i behandlingen; vi ringede sammen og fik en ny tid.",
					"Har været til samtale i misbrugscentret to gange siden sidst.",
					"Fortæller selv, at forbruget er faldet.",
				},
			},
			goalEconomy,
			{
				title:       "Få en fast døgnrytme",
				description: "Borgeren er oppe og i gang inden kl. 10 på hverdage.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Vi talte om at lægge telefonen væk om aftenen.",
					"Weekenden skred, men mandag kom borgeren i gang igen.",
					"Har været oppe inden kl. 10 de fleste dage.",
				},
			},
			{
				title:       "Afprøve praktik med praktiske opgaver",
				description: "Borgeren er i virksomhedspraktik nogle timer om ugen med praktiske opgaver.",
				domain:      "Kendskab til arbejdsmarkedet",
				notes: []string{
					"Besøgte Bygma og talte med lagerchefen om en praktik.",
					"Praktikken er startet tre dage om ugen.",
					"Har passet praktikken hele ugen.",
				},
			},
		},
		notes: []string{
			"Borgeren var åben om en svær weekend, og vi talte om, hvad der udløste den.",
			"Vi tog til borgerservice sammen for at få overblik over gælden.",
			"Borgeren virker mere klar i hovedet end for en måned siden.",
			"Vi aftalte, hvem borgeren kan ringe til, hvis trangen bliver stor.",
		},
	},
	{
		competence:    "unge",
		targetGroups:  []string{tgEducationAid, tgEducationAid, tgYouthEdu},
		young:         true,
		agreementGoal: "At borgeren kommer i gang med og gennemfører en ungdomsuddannelse, fx på FGU eller en erhvervsuddannelse.",
		tasks:         "Støtte til at afklare uddannelsesønsker og søge optagelse. Hjælp til struktur, fremmøde og lektier i opstarten. Kontakt til studievejleder og SU-kontor. Motiverende samtaler.",
		roles:         data.Roles(0).With(data.RoleCoach).With(data.RoleBridgeBuilder).With(data.RolePersonalSupport),
		resources: []string{
			"Nysgerrig og god til computere og it.",
			"Har gode venner fra folkeskolen, som er i uddannelse.",
			"Er hjælpsom og har passet sine mindre søskende.",
			"Dygtig til at lave mad og drømmer om at blive kok.",
		},
		competences: []string{
			"Har afsluttet 9. klasse med 02 i dansk og 7 i matematik.",
			"Har haft fritidsjob i et supermarked i to år.",
			"Taler og skriver godt engelsk.",
		},
		limitations: []string{
			"Har ADHD og svært ved at holde fokus i længere tid.",
			"Droppede ud af gymnasiet efter et halvt år pga. mistrivsel.",
			"Skammer sig let og trækker sig, når noget går galt.",
		},
		everyday: []string{
			"Bor på værelse og har svært ved at få økonomien til at slå til.",
			"Spiller ofte til langt ud på natten.",
			"Har mistet overblikket over aftaler med kommunen.",
		},
		whatWorks: []string{
			"Korte møder med en tydelig plan.",
			"Kommunikation på SMS frem for breve.",
			"At blive mødt med humor og uden løftede pegefingre.",
			"Konkrete besøg på skoler i stedet for brochurer.",
		},
		goals: []goalTemplate{
			{
				title:       "Afklare uddannelsesønske",
				description: "Borgeren har valgt en uddannelse og ved, hvad der kræves for at blive optaget.",
				domain:      "Kendskab til arbejdsmarkedet",
				notes: []string{
					"Talte om forskellen på EUD og FGU.",
					"Besøgte FGU og talte med en vejleder.",
					"Borgeren har besluttet at søge ind på kokkeuddannelsen.",
				},
			},
			{
				title:       "Møde stabilt op i skole eller praktik",
				description: "Borgeren har mindst 90 % fremmøde.",
				domain:      "Målrettethed",
				notes: []string{
					"Kom for sent to dage; vi lagde en plan for morgenen.",
					"Har haft fuldt fremmøde på FGU i denne uge.",
					"Lærerne melder om godt fremmøde.",
				},
			},
			{
				title:       "Få styr på egen økonomi og SU",
				description: "Borgeren har søgt SU og betaler selv sine faste udgifter.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Lavede et simpelt budget i en app.",
					"Søgte SU sammen på minSU.",
					"Har fået styr på mobilregningen.",
				},
			},
			{
				title:       "Få mere tro på egne evner",
				description: "Borgeren tør selv tage kontakt til skole og myndigheder.",
				domain:      "Tro på egne evner",
				notes: []string{
					"Talte om tidligere nederlag, og hvad der er anderledes nu.",
					"Borgeren fortalte stolt om en opgave, der gik godt.",
					"Borgeren tør nu selv ringe til skolen.",
				},
			},
		},
		notes: []string{
			"Vi kiggede på skema og lektier for ugen.",
			"Borgeren var træt, men kom alligevel.",
			"Aftalte at ringe til studievejlederen sammen med borgeren.",
			"Snak om venner og fritid; borgeren er begyndt til fodbold igen.",
		},
	},
	{
		competence:   "integration",
		targetGroups: []string{tgIntegration, tgIntegration, tgActivity, tgSelfSupported},
		young:        true, adult: true, foreignOnly: true,
		agreementGoal: "At borgeren styrker sit dansk og sit kendskab til det danske arbejdsmarked og kommer i virksomhedspraktik med henblik på job.",
		tasks:         "Støtte til at forstå breve og systemet (kommune, Skat, læge, skole). Hjælp til at komme stabilt til danskundervisning. Brobygning til praktik og kontakt til arbejdsgivere. Hjælp til CV og jobsøgning.",
		roles:         data.Roles(0).With(data.RoleSystemGuide).With(data.RoleBridgeBuilder).With(data.RoleCoach),
		resources: []string{
			"Meget motiveret for at komme i arbejde og forsørge sin familie.",
			"Har et stort netværk i det lokale foreningsliv.",
			"Er flittig og punktlig.",
			"Har erhvervserfaring fra hjemlandet inden for byggeri og rengøring.",
		},
		competences: []string{
			"Taler sit modersmål og noget engelsk; dansk på modul 3.",
			"Har kørekort fra hjemlandet, som er ved at blive ombyttet.",
			"Har arbejdet som kok i en restaurant.",
		},
		limitations: []string{
			"Har smerter i ryggen. Skånehensyn: ingen tunge løft.",
			"Begrænset skriftligt dansk; brug tolk ved vigtige samtaler.",
			"Har traumer fra flugten og sover dårligt i perioder.",
		},
		everyday: []string{
			"Har ansvaret for tre børn og skal hente dem i institution kl. 15.",
			"Har svært ved at forstå breve fra kommunen og Skat.",
			"Bor trangt og har ikke ro til lektier derhjemme.",
		},
		whatWorks: []string{
			"Korte sætninger og at tjekke forståelsen undervejs.",
			"At tage sig god tid og tegne systemet op på et stykke papir.",
			"Tolk ved møder med kommunen; ellers dansk, så sproget trænes.",
			"Besøg på arbejdspladser frem for samtaler om job.",
		},
		goals: []goalTemplate{
			{
				title:       "Komme stabilt til danskundervisning",
				description: "Borgeren deltager i al planlagt danskundervisning og består næste modultest.",
				domain:      "Målrettethed",
				notes: []string{
					"Vi øvede dansk ved at handle ind og læse varedeklarationer.",
					"Har været på sprogcentret alle dage denne uge.",
					"Har bestået modultest 3.",
				},
			},
			{
				title:       "Forstå breve fra kommunen og svare selv",
				description: "Borgeren læser sin Digital Post og svarer selv på enkle henvendelser.",
				domain:      "Samarbejdsevne",
				notes: []string{
					"Vi tegnede, hvem i kommunen der gør hvad.",
					"Gennemgik to breve fra jobcentret og et fra Skat.",
					"Borgeren har selv svaret på en indkaldelse i Digital Post.",
				},
			},
			{
				title:       "Komme i virksomhedspraktik",
				description: "Borgeren er i praktik på en arbejdsplads med mulighed for ansættelse.",
				domain:      "Kendskab til arbejdsmarkedet",
				notes: []string{
					"Talte om, hvordan man siger til og fra på en dansk arbejdsplads.",
					"Besøgte Plejecenter Kærgården, som gerne vil have borgeren i praktik.",
					"Praktikken er i gang; lederen roser borgerens fremmøde.",
				},
			},
			goalCV,
		},
		notes: []string{
			"Vi talte om forskellen på et job med og uden løntilskud.",
			"Borgeren fortalte om bekymringer for familie i hjemlandet.",
			"Vi øvede en jobsamtale på dansk.",
			"Borgeren havde selv fundet et opslag, vi gennemgik sammen.",
		},
	},
	{
		competence:    "gæld",
		targetGroups:  []string{tgActivity, tgActivity, tgSelfSupported, tgResource},
		adult:         true,
		agreementGoal: "At borgeren får styr på økonomi og bolig, så der er overskud til at arbejde hen imod job.",
		tasks:         "Hjælp til budget, overblik over gæld og kontakt til kreditorer og gældsrådgivning. Støtte i kontakten med boligforening og kommune. Motiverende samtaler og brobygning til praktik.",
		roles:         data.Roles(0).With(data.RolePersonalSupport).With(data.RoleSystemGuide).With(data.RoleCoach),
		resources: []string{
			"Tager ansvar, når opgaven er overskuelig.",
			"Har en stabil kæreste, som bakker op.",
			"Har tidligere haft fast arbejde i 15 år.",
		},
		competences: []string{
			"Uddannet lagerassistent med truckcertifikat.",
			"Erfaring med kundeservice fra et callcenter.",
			"Kan lide fysisk arbejde og er i god form.",
		},
		limitations: []string{
			"Har gigt i hænderne og kan ikke arbejde med fine bevægelser hele dagen.",
			"Bliver hurtigt stresset af uventede regninger og breve.",
			"Skånehensyn: intet natarbejde pga. søvnproblemer.",
		},
		everyday: []string{
			"Har gæld på ca. 180.000 kr. til det offentlige og til kviklån.",
			"Har fået varsel om udsættelse fra lejligheden.",
			"Skammer sig over økonomien og skjuler den for familien.",
		},
		whatWorks: []string{
			"At gå posten igennem sammen én gang om ugen.",
			"At tage ét problem ad gangen og skrive det ned.",
			"At borgeren selv ringer op, mens mentor sidder ved siden af.",
		},
		goals: []goalTemplate{
			goalEconomy,
			{
				title:       "Beholde boligen",
				description: "Borgeren betaler husleje til tiden og har en aftale med boligforeningen om restancen.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Møde med boligforeningen om en betalingsaftale.",
					"Borgeren har søgt boligstøtte.",
					"Huslejerestancen er betalt.",
				},
			},
			{
				title:       "Søge job inden for lager og logistik",
				description: "Borgeren søger mindst to relevante stillinger om ugen.",
				domain:      "Jobsøgning",
				notes: []string{
					"Opdaterede CV og tilføjede truckcertifikatet.",
					"Har søgt tre job på lager i denne uge.",
					"Borgeren er kaldt til samtale hos et vognmandsfirma.",
				},
			},
		},
		notes: []string{
			"Vi sorterede en bunke breve i 'skal betales', 'skal læses' og 'kan smides ud'.",
			"Borgeren har selv ringet til en kreditor siden sidst.",
			"Snak om, hvordan borgeren kan sige nej til nye lån.",
		},
	},
	{
		competence:    "praktik",
		targetGroups:  []string{tgJobClarify, tgSickness, tgFlexJob, tgRetention, tgResource},
		adult:         true,
		agreementGoal: "At borgerens arbejdsevne afklares i en virksomhedspraktik med skånehensyn, så der kan findes et varigt job eller fleksjob.",
		tasks:         "Brobygning til praktikvirksomhed og opfølgning på praktikken. Formidling af skånehensyn til arbejdspladsen. Støtte til at håndtere smerter og træthed i hverdagen. Forberedelse af møder med jobcenter og rehabiliteringsteam.",
		roles:         data.Roles(0).With(data.RoleBridgeBuilder).With(data.RoleSystemGuide).With(data.RoleCoach),
		resources: []string{
			"Har stor arbejdsidentitet og savner kollegerne.",
			"Er mødestabil og pligtopfyldende.",
			"Har en støttende familie.",
		},
		competences: []string{
			"Uddannet social- og sundhedshjælper med 12 års erfaring fra ældreplejen.",
			"Har arbejdet 20 år som chauffør og lagermand.",
			"Erfaring med rengøring og kantinedrift.",
		},
		limitations: []string{
			"Kroniske rygsmerter efter diskusprolaps; kan sidde eller stå højst 30 minutter ad gangen.",
			"Nedsat energi efter kræftbehandling. Skånehensyn: 10-15 timer om ugen med pauser.",
			"Må ikke løfte over 10 kg.",
		},
		everyday: []string{
			"Smerterne giver dårlig søvn og gør morgenerne svære.",
			"Bekymrer sig meget om økonomien under sygemeldingen.",
			"Føler sig isoleret efter at have mistet jobbet.",
		},
		whatWorks: []string{
			"Tydelige aftaler med arbejdspladsen om pauser og opgaver.",
			"At mentor deltager i de første møder på arbejdspladsen.",
			"At fejre små fremskridt i timetal.",
		},
		goals: []goalTemplate{
			{
				title:       "Gennemføre virksomhedspraktik med skånehensyn",
				description: "Borgeren gennemfører en praktik og øger gradvist timetallet.",
				domain:      "Kendskab til arbejdsmarkedet",
				notes: []string{
					"Borgeren måtte gå tidligt hjem to dage pga. smerter.",
					"Opfølgningsmøde med lederen; skånehensynene bliver respekteret.",
					"Praktikken er øget fra 8 til 10 timer om ugen.",
				},
			},
			{
				title:       "Håndtere smerter og energi i hverdagen",
				description: "Borgeren fordeler sine kræfter over ugen og bruger pauser.",
				domain:      "Helbred og mestring",
				notes: []string{
					"Talte om genoptræningen hos fysioterapeuten.",
					"Lavede en energiplan, der fordeler opgaverne over ugen.",
					"Borgeren bruger pauserne som aftalt.",
				},
			},
			{
				title:       "Forberede møde i rehabiliteringsteamet",
				description: "Borgeren kender sin ressourceprofil og kan selv fortælle om sine ønsker på mødet.",
				domain:      "Samarbejdsevne",
				notes: []string{
					"Gennemgik ressourceprofilen sammen.",
					"Borgeren skrev sine egne ønsker ned til mødet.",
					"Deltog i mødet; indstillingen blev fleksjob.",
				},
			},
		},
		notes: []string{
			"Vi talte om, hvordan borgeren kan fortælle kollegerne om sine skånehensyn.",
			"Borgeren er glad for at have noget at stå op til.",
			"Smerterne har været værre i denne uge, men borgeren holdt fast i praktikken.",
		},
	},
	{
		competence:   "ordblindhed",
		targetGroups: []string{tgEducationAid, tgActivity, tgYouthEdu},
		young:        true, adult: true,
		agreementGoal: "At borgeren får redskaber til at håndtere sin ordblindhed og kommer videre i uddannelse eller job.",
		tasks:         "Hjælp til ordblindetest og til at få og bruge it-hjælpemidler (oplæsning og diktering). Støtte til jobsøgning og skriftlig kontakt med myndigheder. Brobygning til FVU-undervisning og praktik.",
		roles:         data.Roles(0).With(data.RoleCoach).With(data.RoleSystemGuide).With(data.RoleBridgeBuilder),
		resources: []string{
			"God til at huske og til at forklare sig mundtligt.",
			"Meget praktisk; har selv bygget sin carport.",
			"Har et godt forhold til sin tidligere chef.",
		},
		competences: []string{
			"Erfaring som pædagogmedhjælper og med rengøring.",
			"Har kørekort B og C.",
			"God til tal og hovedregning.",
		},
		limitations: []string{
			"Svært ordblind; læser og skriver langsomt og undgår skriftlige opgaver.",
			"Skånehensyn: instruktioner mundtligt eller med billeder.",
			"Bliver hurtigt modløs ved skriftlige krav.",
		},
		everyday: []string{
			"Åbner ikke Digital Post, fordi brevene er svære at læse.",
			"Har dårlige erfaringer fra skolen og føler sig dum.",
			"Er afhængig af sin partner til at læse breve.",
		},
		whatWorks: []string{
			"Oplæsningsfunktionen på telefonen, som borgeren nu selv bruger.",
			"At tale tingene igennem i stedet for at skrive.",
			"Korte skriftlige aftaler i punktform.",
		},
		goals: []goalTemplate{
			{
				title:       "Bruge it-hjælpemidler til læsning og skrivning",
				description: "Borgeren bruger selv oplæsning og diktering til breve, SMS og ansøgninger.",
				domain:      "Tro på egne evner",
				notes: []string{
					"Fik ordblindetest på VUC; borgeren er ordblind.",
					"Installerede et oplæsningsprogram og øvede på breve fra kommunen.",
					"Borgeren brugte selv diktering til en SMS til jobcentret.",
				},
			},
			{
				title:       "Starte på FVU-læsning",
				description: "Borgeren følger FVU-læsning to formiddage om ugen.",
				domain:      "Målrettethed",
				notes: []string{
					"Tilmeldt FVU-læsning to formiddage om ugen.",
					"Har været til undervisning hele ugen.",
					"Borgeren synes, det er hårdt, men er stolt.",
				},
			},
			goalCV,
		},
		notes: []string{
			"Vi læste brevene i Digital Post sammen med oplæsning.",
			"Borgeren fortalte om skoletiden, og hvorfor det skriftlige er svært.",
			"Borgeren er begyndt at bruge diktering på mobilen.",
		},
	},
}

// Retention (fastholdelse) follows a job or education start; its goal and
// agreement texts are the same whatever the theme was.
var (
	retentionGoal = goalTemplate{
		title:       "Trives og blive i det nye job",
		description: "Borgeren fastholder sit job og håndterer nye krav med støtte fra mentor og arbejdsplads.",
		domain:      "Samarbejdsevne",
		notes: []string{
			"Talte om vagtplanen, og hvordan borgeren siger fra.",
			"Borgeren har haft en travl uge, men holder fast.",
			"Opfølgning med nærmeste leder; det går godt.",
			"Borgeren er glad for kollegerne og var med til fredagsbar.",
		},
	}
	retentionAgreementGoal = "At borgeren fastholdes i sit nye job i overgangsperioden, så ansættelsen bliver varig."
	retentionTasks         = "Opfølgning med borgeren og arbejdspladsen. Hjælp til at løse praktiske problemer, før de truer ansættelsen. Formidling af skånehensyn til den nye arbejdsplads."
	retentionRoles         = data.Roles(0).With(data.RoleBridgeBuilder).With(data.RolePersonalSupport)
	retentionNotes         = []string{
		"Borgeren er træt efter arbejdsdagene, men glad for jobbet.",
		"Vi talte om lønsedlen og hvad der sker med ydelsen nu.",
		"Kort snak med kontaktpersonen på arbejdspladsen.",
	}
)

// Texts for sessions, independent of theme.
var (
	genericNotes = []string{
		"Vi fulgte op på aftalerne fra sidste møde.",
		"Borgeren havde selv forberedt, hvad vi skulle tale om.",
		"Borgeren gav udtryk for, at møderne hjælper.",
		"Vi justerede planen, så den passer til borgerens energi.",
		"Borgeren var i godt humør og fortalte om en god weekend.",
	}
	closingNotes = []string{
		"Næste møde er aftalt.",
		"Sagsbehandler orienteret pr. sikker mail.",
		"Aftalt at jeg sender en SMS-påmindelse dagen før.",
		"Næste møde er aftalt til samme tid i næste uge.",
	}
	// Openers of the forms whose place says little (see place for the others).
	formOpeners = map[data.SessionForm][]string{
		data.FormHomeVisit: {
			"Hjemmebesøg efter aftale; borgeren havde ryddet op og lavet kaffe.",
			"Besøg i hjemmet, hvor vi sammen gennemgik posten.",
		},
		data.FormPhone: {
			"Telefonsamtale, da borgeren ikke havde overskud til at mødes.",
			"Opfølgning pr. telefon efter sidste uges møde.",
		},
		data.FormVideo: {
			"Videomøde efter borgerens ønske; forbindelsen fungerede fint.",
		},
		data.FormWorkplace: {
			"Besøg på arbejdspladsen sammen med borgeren og kontaktpersonen.",
			"Opfølgning på arbejdspladsen; lederen er tilfreds med fremmødet.",
		},
		data.FormMessage: {
			"Udveksling af SMS'er om ugens aftaler og en påmindelse om næste møde.",
		},
	}
	startNotes = []string{
		"Opstartsmøde: vi gennemgik aftalen om mentorstøtte og talte om borgerens egne ønsker og mål.",
		"Første møde. Borgeren virkede spændt, men åben, og vi aftalte faste mødetider.",
	}
	endNotes = []string{
		"Afsluttende samtale: vi så tilbage på forløbet og på borgerens fremskridt.",
		"Sidste møde i forløbet. Borgeren takkede for samarbejdet, og slutrapporten blev gennemgået.",
	}
	noShowNotes = []string{
		"Borgeren mødte ikke op. Ringede to gange uden svar og sendte en SMS.",
		"Udeblevet uden afbud. Borgeren ringede senere og havde sovet over sig.",
	}
	callNoShowNotes = []string{
		"Borgeren tog ikke telefonen til den aftalte tid. Sagsbehandler orienteret om udeblivelsen.",
		"Ingen kontakt til den aftalte tid; sendte en SMS med forslag til ny tid.",
	}
	homeNoShowNotes = []string{
		"Borgeren var ikke hjemme ved hjemmebesøget. Sagsbehandler orienteret om udeblivelsen.",
		"Ingen lukkede op ved hjemmebesøget; lagde en seddel og sendte en SMS.",
	}
	citizenCancelNotes = []string{
		"Borgeren meldte afbud pga. sygdom.",
		"Afbud fra borgeren, som skulle til lægen.",
		"Borgeren aflyste, fordi barnet var sygt.",
		"Afbud samme morgen; borgeren havde en dårlig dag.",
	}
	mentorCancelNotes = []string{
		"Aflyst pga. sygdom hos mentor. Nyt møde aftalt.",
		"Mentor aflyste pga. en akut opgave; borgeren fik besked dagen før.",
		"Aflyst af mentor pga. kursus.",
	}
	firstScoreNotes = []string{
		"Udgangspunkt scoret sammen med borgeren ved opstart.",
		"Første scoring; borgeren var selv med til at sætte tallet.",
	}
	goalStartNote = "Målet er formuleret sammen med borgeren."
	goalEndNote   = "Status på målet gennemgået til slutrapporten."
	scoreNotes    = []string{
		"Scoret sammen med borgeren.",
		"Borgeren er mere positiv end sidst.",
		"Borgeren oplever selv tydelig fremgang.",
		"Mentor og borger er enige om scoren.",
	}
	setbackNotes = []string{
		"Tilbagegang efter en hård periode med sygdom i familien.",
		"Borgeren har haft en svær måned; vi justerer planen.",
	}
)

// Outcome notes for courses that ended.
var outcomeNotes = map[data.Outcome][]string{
	data.OutcomeJob: {
		"Borgeren er ansat som lagermedarbejder 25 timer om ugen hos et lokalt vognmandsfirma.",
		"Ordinært job i rengøring 30 timer om ugen.",
	},
	data.OutcomeFlexJob:    {"Fleksjob bevilget; borgeren er startet på et plejecenter 12 timer om ugen."},
	data.OutcomeEducation:  {"Borgeren er startet på grundforløbet på erhvervsskolen."},
	data.OutcomeInternship: {"Overgået til virksomhedspraktik med jobcentrets egen opfølgning."},
	data.OutcomeOtherOffer: {"Overgået til et behandlingstilbud; mentorstøtten er ikke længere relevant."},
	data.OutcomeStopped: {
		"Borgeren ønskede ikke at fortsætte og udeblev fra de sidste møder.",
		"Stoppet efter aftale med sagsbehandler, da borgeren er sygemeldt på ubestemt tid.",
	},
	data.OutcomeMoved: {"Borgeren er flyttet til en anden kommune."},
	data.OutcomeOther: {"Forløbet blev afbrudt pga. længerevarende indlæggelse."},
}

var (
	endedOutcomes   = []data.Outcome{data.OutcomeJob, data.OutcomeJob, data.OutcomeFlexJob, data.OutcomeEducation, data.OutcomeInternship, data.OutcomeOtherOffer}
	abortedOutcomes = []data.Outcome{data.OutcomeStopped, data.OutcomeStopped, data.OutcomeMoved, data.OutcomeOther}
)
