"""Common given names, so that 'Ana forgot to run the migration' is read as a person and 'Kubernetes
failed to schedule the pod' is not. Written for afterboard (no external list); names the document itself gives
(authors, owners, @handles) are added per document."""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    """
    aaron abby abdul abhishek adam adel adrian ahmed aisha ajay akira alan albert alex alexa alexander
    alexandra alexis alfred ali alice alicia alison amanda amber amelia amir amit amy ana anand anders
    andre andrea andreas andrew andy angela angelo anil anita ann anna anne annie anthony anton antonio
    anu arjun arnav arthur arun ashley ashok aziz barbara ben benjamin bernard beth betty bill billy bob
    bobby brad bradley brandon brenda brian bruce bruno bryan caleb cameron camila carl carla carlos
    carmen carol caroline carolyn catherine cathy charles charlie charlotte chen cheng chloe chris
    christian christina christine christopher claire clara claudia colin connor craig cristina dan dana
    daniel daniela danielle danny dave david dawn dean deborah debra deepak denis dennis derek diana
    diane diego dimitri dmitry dominic don donald donna doug douglas dylan ed eddie edward elena eli
    elizabeth ella ellen emily emma eric erica erik erin ethan eugene eva evan fabian fatima felix
    fernando fiona frances francesco francis frank fred gabriel gabriela gary gaurav george gerald gina
    giovanni giulia glen grace greg gregory hannah hans harry hassan heather helen henry hiroshi hugo
    ian igor irene isaac isabel isabella ivan jack jackie jacob jake james jamie jan jane janet jason
    javier jay jean jeff jeffrey jen jenna jennifer jenny jeremy jerry jesse jessica jill jim jimmy jin
    joan joe joel johan johanna john johnny jon jonas jonathan jordan jorge jose joseph josh joshua joy
    juan judith julia julian julie jun justin kai karen karl kate katherine kathy katie kavya keith
    kelly ken kenji kenneth kevin kim kyle larry laura lauren lea lee leo leon liam lin linda lisa liz
    logan lorenzo louis lucas lucia lucy luis luka luke lynn madison maggie manuel marc marco marcus
    margaret maria mariana marie marina mario mark marta martin mary mateo matt matteo matthew max maya
    megan mei melissa mia michael michelle miguel mike mila mohamed mohammed mohan monica nadia nancy
    naomi natalie nathan neha nick nicholas nicole nikhil nina noah nora olga oliver olivia omar oscar
    owen pablo pam pamela patricia patrick paul paula pedro peter philip pierre pooja prakash pradeep
    priya rachel rafael rahul raj rajesh ralph ram ramesh randy raul ravi ray raymond rebecca ricardo
    richard rick rita rob robert roberto robin roger rohan ron ronald rosa ross roy ruby russell ruth
    ryan sam samantha samuel sandeep sandra sanjay sara sarah scott sean sergei sergey shane sharon
    shawn sofia sophia sophie stefan stephanie stephen steve steven sunil susan suresh sven takeshi
    tanya tara ted teresa terry thomas tim timothy tina tobias todd tom tomas tony tracy tyler uma
    valentina vanessa victor victoria vijay vikram vincent vivek walter wayne wei wendy william xavier
    yan yang yasmin yuki yusuf zach zachary zoe
    """.split()
)
